package io.github.ghapp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ghapp setup}: sets other tools up to use ghapp; today Git ({@code ghapp setup git}). */
@Command(
    name = "setup",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {"Set other tools up to use ghapp.", ""},
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp setup git --global --client-id Iv23liABC --private-key ~/keys/app.pem",
      "  ghapp setup git --print                      # what it would write"
    })
final class SetupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "say what to set up, e.g. 'ghapp setup git'");
  }
}
