package dev.axnode.cli;

import java.util.ArrayList;
import java.util.List;

/** A terminal for tests: records the questions and gives scripted answers (none: no terminal). */
final class ScriptedPrompt implements HostPrompt {

  final List<String> questions = new ArrayList<>();
  private final boolean interactive;
  private final String answer;

  private ScriptedPrompt(boolean interactive, String answer) {
    this.interactive = interactive;
    this.answer = answer;
  }

  static ScriptedPrompt noTerminal() {
    return new ScriptedPrompt(false, null);
  }

  static ScriptedPrompt answering(String answer) {
    return new ScriptedPrompt(true, answer);
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public String ask(String question) {
    questions.add(question);
    return answer;
  }
}
