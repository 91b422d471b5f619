package dev.axnode.cli;

/** Asks the person at the terminal a question; tests replace the console with a script. */
interface HostPrompt {

  /** Whether a person can answer, i.e. a terminal is attached. Without one the CLI never waits. */
  boolean interactive();

  /** Shows {@code question} as is (no newline added) and returns the line typed, or null at end of input. */
  String ask(String question);
}
