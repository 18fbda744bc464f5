package io.github.ghapp.cli;

import io.github.ghapp.emulator.GitHubEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp quickstart}: the first command to run. Starts an emulator with its demo app and
 * walks the flow a GitHub App goes through, printing each step with a check mark, what happened,
 * and one line on what it shows. Exits 0 only when every step did what GitHub would do.
 */
@Command(
    name = "quickstart",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Walk a GitHub App's whole flow against a local GitHub emulator, checking each step.",
      "The JWT, the installation, a narrowed token, REST, GraphQL, git clone, a webhook answered by a"
          + " handler, a check run on a pushed branch, a refused request, revocation. Needs no GitHub"
          + " account and no network.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./ghapp quickstart",
      "  ghapp quickstart --jgit       # clone with JGit even when git is installed"
    })
final class QuickstartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--jgit", description = "Clone with JGit even when a git binary is installed.")
  boolean jgit;

  @Option(
      names = "--ascii",
      description = "Mark steps with [ok] and [FAILED] instead of check marks.")
  boolean ascii;

  private final Consumer<GitHubEmulator> afterStart;

  QuickstartCommand() {
    this(emulator -> {});
  }

  /**
   * @param afterStart changes the emulator's state before the first step uses it (tests of failing
   *     steps)
   */
  QuickstartCommand(Consumer<GitHubEmulator> afterStart) {
    this.afterStart = afterStart;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean verbose = Verbosity.isVerbose(spec.commandLine().getParseResult());
    boolean unicode = !ascii && Charset.defaultCharset().newEncoder().canEncode("\u2713\u2717");
    String ok = unicode ? "\u2713" : "[ok]";
    String failed = unicode ? "\u2717" : "[FAILED]";
    String skipped = unicode ? "-" : "[skipped]";
    String column =
        "%-" + skipped.length() + "s"; // the widest mark: step names line up whatever the mark
    out.println(
        "ghapp quickstart: a GitHub App's whole flow, against a GitHub emulator on this machine");
    out.println();
    List<String> failures = new ArrayList<>();
    int count;
    try (Quickstart quickstart = new Quickstart(jgit, afterStart)) {
      List<Quickstart.Step> steps = quickstart.steps();
      count = steps.size();
      String blocker = null;
      for (int i = 0; i < steps.size(); i++) {
        Quickstart.Step step = steps.get(i);
        String mark;
        String result;
        if (blocker != null) {
          mark = skipped;
          result = "skipped: it needs the " + blocker + " step";
        } else {
          try {
            result = step.action().run();
            mark = ok;
          } catch (Exception e) {
            mark = failed;
            result = describe(e);
            failures.add(step.name());
            blocker = step.needed() ? step.name() : null;
            if (verbose) {
              StringWriter trace = new StringWriter();
              e.printStackTrace(new PrintWriter(trace));
              spec.commandLine().getErr().print(Secrets.redact(trace.toString()));
            }
          }
        }
        out.printf(
            "%2d " + column + " %-13s %s%n", i + 1, mark, step.name(), Secrets.redact(result));
        out.printf("   " + column + " %-13s %s%n", "", "", step.why());
        out.flush();
      }
    }
    out.println();
    if (failures.isEmpty()) {
      out.println(
          "All "
              + count
              + " steps did what GitHub would do. Next: ghapp emulator, then ghapp token"
              + " --help.");
      out.flush();
      return ExitCodes.OK;
    }
    out.flush();
    throw CliException.refused(
        "the quickstart failed at "
            + String.join(", ", failures)
            + " (see above; run"
            + " with --verbose for the details)",
        null);
  }

  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "failed: " + message.replaceAll("\\s*\\R\\s*", " ");
  }
}
