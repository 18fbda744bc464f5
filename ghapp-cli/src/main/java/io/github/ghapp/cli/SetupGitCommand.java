package io.github.ghapp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp setup git}: makes Git ask {@code ghapp git-credential} for the app's host, in the
 * user's or the repository's configuration, through the real {@code git config}, so that it can be
 * run again (after a new key, another option) without piling up helpers.
 */
@Command(
    name = "git",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Configure Git to get credentials for the app's host from ghapp.",
      "Writes credential.<host>.helper (an empty one first, which sets aside other helpers for"
          + " that host, then ghapp git-credential with these options) and"
          + " credential.<host>.useHttpPath true. Running it again replaces what it wrote.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp setup git --global --client-id Iv23liABC --private-key ~/keys/app.pem",
      "  ghapp setup git --permission contents=read     # this repository, read-only",
      "  ghapp setup git --global --print               # show, write nothing"
    })
final class SetupGitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @ArgGroup(validate = false, exclusive = false, heading = "Helper:%n", order = 2)
  GitCredentialCommand.HelperOptions helper = new GitCredentialCommand.HelperOptions();

  @Option(
      names = "--global",
      order = 3,
      description = "Write the user's configuration (~/.gitconfig). Default: the repository's.")
  boolean global;

  @Option(
      names = "-C",
      paramLabel = "DIR",
      order = 4,
      description = "The repository to configure. Default: the one in the current directory.")
  String directory;

  @Option(
      names = "--print",
      order = 5,
      description = "Print the git config commands instead of running them.")
  boolean print;

  private final Environment env;

  SetupGitCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    if ("-".equals(app.privateKey)) {
      throw CliException.usage(
          "Git runs the helper later, when standard input is Git's; pass --private-key FILE");
    }
    String[] origin = GitCredentialCommand.origin(app.baseUrl(env), helper.host);
    String key = "credential." + origin[0] + "://" + origin[1];
    List<String> words =
        new ArrayList<>(
            SelfCommand.words(env, spec.root().commandLine().getParseResult().originalArgs()));
    words.addAll(HelperCommand.words(app, env, true));
    words.addAll(helperOptions());
    String command = "!" + SelfCommand.shellLine(words);
    List<List<String>> settings =
        List.of(
            List.of("--replace-all", key + ".helper", ""),
            List.of("--add", key + ".helper", command),
            List.of("--replace-all", key + ".useHttpPath", "true"));
    PrintWriter out = spec.commandLine().getOut();
    for (List<String> setting : settings) {
      List<String> git = gitConfig(setting);
      if (print) {
        out.println(SelfCommand.shellLine(git));
      } else {
        run(git);
      }
    }
    if (!print) {
      out.println(
          "Git now asks ghapp for "
              + origin[0]
              + "://"
              + origin[1]
              + " in "
              + (global ? "your global configuration" : "this repository's configuration")
              + ".");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private List<String> gitConfig(List<String> setting) {
    List<String> git = new ArrayList<>(List.of("git"));
    if (directory != null) {
      git.addAll(List.of("-C", directory));
    }
    git.add("config");
    git.add(global ? "--global" : "--local");
    git.addAll(setting);
    return git;
  }

  /** The helper options given, as {@code git-credential} takes them. */
  private List<String> helperOptions() {
    List<String> words = new ArrayList<>();
    if (helper.host != null) {
      words.addAll(List.of("--host", helper.host));
    }
    helper.owners.forEach(o -> words.addAll(List.of("--owner", o)));
    if (helper.installationId != null) {
      words.addAll(List.of("--installation-id", Long.toString(helper.installationId)));
    }
    helper.repositories.forEach(r -> words.addAll(List.of("--repository", r)));
    helper.permissions.forEach((k, v) -> words.addAll(List.of("--permission", k + "=" + v)));
    if (helper.minValidity != null) {
      words.addAll(List.of("--min-validity", helper.minValidity.toString()));
    }
    if (helper.noCache) {
      words.add("--no-cache");
    }
    return words;
  }

  private void run(List<String> git) throws InterruptedException {
    ProcessBuilder process = new ProcessBuilder(git).redirectErrorStream(true);
    Map<String, String> childEnv = process.environment();
    childEnv.clear();
    childEnv.putAll(env.variables());
    String output;
    int exit;
    try {
      Process p = process.start();
      p.getOutputStream().close();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      exit = p.waitFor();
    } catch (IOException e) {
      throw CliException.usage(
          "cannot run git (" + e.getClass().getSimpleName() + "). Install Git, or put it on PATH");
    }
    if (exit != 0) {
      String first = output.lines().findFirst().orElse("exit " + exit);
      throw CliException.usage(
          "git config failed: "
              + first
              + (global
                  ? ""
                  : ". Run this in a Git repository (or with -C DIR), or pass --global"));
    }
  }
}
