package dev.axnode.cli;

import java.io.Console;

/**
 * The process's terminal, as {@link System#console()} gives it: like OpenSSH, which talks
 * to {@code /dev/tty}, the question and the answer go through the terminal even when
 * standard input and output are redirected.
 */
final class ConsolePrompt implements HostPrompt {

  @Override
  public boolean interactive() {
    return System.console() != null;
  }

  @Override
  public String ask(String question) {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    console.writer().print(question);
    console.writer().flush();
    return console.readLine();
  }
}
