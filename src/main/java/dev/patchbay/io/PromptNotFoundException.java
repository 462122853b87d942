package dev.patchbay.io;

import dev.patchbay.api.ProblemType;

/** The device answered, but never with a prompt of its OS profile (or the expected prompt). */
public class PromptNotFoundException extends ConnectionException {

  public PromptNotFoundException(String detail, String output) {
    super(ProblemType.PROMPT_NOT_FOUND, detail, output, null);
  }
}
