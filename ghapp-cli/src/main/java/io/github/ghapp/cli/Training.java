package io.github.ghapp.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The launcher's training run, for the start-up cache it makes after each build (JDK 25's AOT
 * cache, or an AppCDS archive): the short commands that sit in front of other programs, run one
 * after the other in one JVM, since a cache is written by a single run. A cold {@code ghapp token}
 * (a mint and the disk cache's write), a warm one, and Git's credential helper answered from that
 * cache, so that {@code git-credential} starts from the cache too and not only {@code token}. The
 * emulator and the app come from the usual {@code GHAPP_*} variables; the output is dropped.
 *
 * <pre>{@code
 * java -XX:AOTCacheOutput=ghapp.aot -cp ghapp.jar io.github.ghapp.cli.Training octo-org/hello-world
 * }</pre>
 */
public final class Training {
  private Training() {}

  /**
   * Runs the training commands for the repository {@code args[0]} ({@code OWNER/REPO}).
   *
   * @param args the repository the app is installed on
   */
  public static void main(String[] args) {
    if (args.length != 1 || !args[0].contains("/")) {
      System.err.println(
          "usage: Training OWNER/REPO (with GHAPP_BASE_URL and the app's variables)");
      System.exit(2);
    }
    train(Environment.system(), args[0]);
    System.exit(0);
  }

  /** Runs the training commands in {@code env}; their exit codes, in order. */
  static List<Integer> train(Environment env, String repository) {
    List<Integer> exits = new ArrayList<>();
    exits.add(run(env, "token", "--repo", repository)); // a mint, written to the disk cache
    exits.add(run(env, "token", "--repo", repository)); // from the disk cache
    String[] origin = GitCredentialCommand.origin(env.variable(AppOptions.BASE_URL), null);
    String request =
        "protocol=" + origin[0] + "\nhost=" + origin[1] + "\npath=" + repository + ".git\n\n";
    Supplier<Environment> helper =
        () ->
            new Environment(
                env.variables(),
                new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                env.onShutdown(),
                env.clock());
    exits.add(run(helper.get(), "git-credential", "get")); // a token for that repository only
    exits.add(run(helper.get(), "git-credential", "get")); // from the disk cache
    return exits;
  }

  private static int run(Environment env, String... args) {
    CommandLine ghapp = Ghapp.commandLine(env, args);
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    ghapp.setOut(nowhere);
    ghapp.setErr(nowhere);
    return ghapp.execute(args);
  }
}
