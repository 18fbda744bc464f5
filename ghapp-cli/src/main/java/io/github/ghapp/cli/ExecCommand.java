package io.github.ghapp.cli;

import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenRequest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp exec}: runs a command as the app's installation, with a token for {@code gh} and
 * other tools in its environment and Git set up to ask ghapp for fresh tokens, so that a job or an
 * agent that runs for hours keeps cloning and pushing. The token is never an argument of any
 * process, and never in ghapp's own environment.
 */
@Command(
    name = "exec",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Run COMMAND with an installation token, and Git set up to get fresh ones.",
      "The token is in GH_TOKEN and GITHUB_TOKEN (and GH_HOST, GH_ENTERPRISE_TOKEN for GitHub"
          + " Enterprise Server); Git asks 'ghapp git-credential' with the same app and scope,"
          + " through GIT_CONFIG_COUNT, so clones and pushes work past the token's hour. Exits with"
          + " COMMAND's exit code (128+N when a signal N ended it); SIGINT and SIGTERM are passed"
          + " on to it.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp exec --owner octo-org -- gh pr list -R octo-org/hello-world",
      "  ghapp exec --repo octo-org/hello-world --repository hello-world \\",
      "      --permission contents=write -- ./release.sh",
      "  ghapp exec --owner octo-org --revoke -- sh -c 'git clone \\",
      "      https://github.com/octo-org/hello-world.git && make -C hello-world'"
    })
final class ExecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(validate = false, exclusive = false, heading = "App:%n", order = 1)
  AppOptions app = new AppOptions();

  @ArgGroup(
      exclusive = true,
      multiplicity = "0..1",
      heading = "Installation (one of; default: the app's only one):%n",
      order = 2)
  InstallationSelector installation = InstallationSelector.only();

  @ArgGroup(
      validate = false,
      exclusive = false,
      heading = "Scope (the token's and Git's):%n",
      order = 3)
  ScopeOptions scope = new ScopeOptions();

  @ArgGroup(validate = false, exclusive = false, heading = "Run:%n", order = 4)
  RunOptions run = new RunOptions();

  static final class RunOptions {
    @Option(
        names = "--min-validity",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description =
            "GH_TOKEN must stay valid at least this long (at most 55m; Git's tokens are renewed"
                + " anyway). Default: 5m.")
    Duration minValidity;

    @Option(
        names = "--revoke",
        description =
            "Give COMMAND a token of its own and revoke it when COMMAND ends (one already expired"
                + " or revoked is fine).")
    boolean revoke;

    @Option(
        names = "--no-cache",
        description = "Mint a new token, and let Git's helper mint its own; cache nothing.")
    boolean noCache;
  }

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "COMMAND",
      description = "The command and its arguments, after '--'.")
  List<String> command = new ArrayList<>();

  private final Environment env;

  ExecCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    if ("-".equals(app.privateKey)) {
      throw CliException.usage(
          "exec's Git helper reads the private key again each time, so it cannot come from"
              + " standard input. Pass --private-key FILE or set "
              + AppOptions.PRIVATE_KEY);
    }
    Duration minValidity = Tokens.checkMinValidity(run.minValidity, "--min-validity");
    TokenRequest request = scope.request(app.baseUrl(env));
    boolean fresh = run.noCache || run.revoke;
    PrintWriter err = spec.commandLine().getErr();
    try (Session session = app.connect(env, run.noCache ? null : env.cacheDirectory(), err)) {
      return exec(session, request, minValidity, fresh, err);
    }
  }

  /** Mints COMMAND's token, runs COMMAND with it, and revokes it after when asked to. */
  private int exec(
      Session session, TokenRequest request, Duration minValidity, boolean fresh, PrintWriter err)
      throws InterruptedException {
    long[] installationId = new long[1];
    InstallationToken token =
        session.withInstallation(
            installation,
            id -> {
              installationId[0] = id;
              return Tokens.get(session.app(), id, request, minValidity, fresh);
            });
    String[] origin = GitCredentialCommand.origin(app.baseUrl(env), null);
    ProcessBuilder child = new ProcessBuilder(command);
    Map<String, String> childEnv = child.environment();
    childEnv.clear();
    childEnv.putAll(env.variables());
    ChildEnvironment.token(childEnv, token.token(), origin[1]);
    if (app.tokenStore != null) {
      // the helper shares the same store; through the environment, since a Redis URI may hold a
      // password that no process's arguments should show
      childEnv.put(SharedTokenStore.STORE, app.tokenStore);
    }
    ChildEnvironment.gitHelper(
        childEnv, origin[0] + "://" + origin[1], helper(installationId[0], request));
    int exit = run(child);
    if (run.revoke) {
      revoke(session, token, err);
    }
    return exit;
  }

  /** {@code !ghapp git-credential ...} with this command's app and scope, and never the token. */
  private String helper(long installationId, TokenRequest request) {
    List<String> words =
        new ArrayList<>(
            SelfCommand.words(env, spec.root().commandLine().getParseResult().originalArgs()));
    words.addAll(HelperCommand.words(app, env, false));
    words.addAll(List.of("--installation-id", Long.toString(installationId)));
    // the scope as resolved (--for included), so the helper's tokens are never wider than COMMAND's
    request.repositories().forEach(r -> words.addAll(List.of("--repository", r)));
    request.permissions().forEach((k, v) -> words.addAll(List.of("--permission", k + "=" + v)));
    if (run.noCache) {
      words.add("--no-cache");
    }
    return "!" + SelfCommand.shellLine(words);
  }

  /** Runs COMMAND to its end; a stop signal to ghapp is passed on and then waited for. */
  private int run(ProcessBuilder child) throws InterruptedException {
    boolean ownTerminal = env.stdin() == System.in;
    if (ownTerminal) {
      child.inheritIO();
    }
    // Registered first, so that a stop before COMMAND has started still reaches it.
    AtomicReference<Process> started = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    env.onShutdown()
        .accept(
            () -> {
              stop.set(true);
              Process p = started.get();
              if (p != null) {
                p.destroy();
              }
            });
    Process process;
    try {
      process = child.start();
    } catch (IOException e) {
      boolean missing = !exists(command.get(0));
      throw CliException.withExitCode(
          missing ? 127 : 126,
          "cannot run '"
              + command.get(0)
              + "': "
              + (missing ? "no such command or file" : "not executable")
              + ". Check its name and PATH, or its permissions");
    }
    started.set(process);
    if (stop.get()) {
      process.destroy();
    }
    List<Thread> copies = new ArrayList<>();
    if (!ownTerminal) {
      // Embedded (tests, programs with their own writers): COMMAND's output goes to them.
      copies.add(copy(process.getInputStream(), spec.commandLine().getOut()));
      copies.add(copy(process.getErrorStream(), spec.commandLine().getErr()));
      feed(env.stdin(), process.getOutputStream());
    }
    int exit = process.waitFor();
    for (Thread copy : copies) {
      copy.join();
    }
    return exit;
  }

  /**
   * Whether {@code program} is there at all (else it is not executable): as the JDK looks for it,
   * on this process's {@code PATH} unless it names a path. The JDK's message differs by version.
   */
  private static boolean exists(String program) {
    if (program.contains("/")) {
      return Files.exists(Path.of(program));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.exists(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static Thread copy(InputStream from, PrintWriter to) {
    Thread thread =
        new Thread(
            () -> {
              try (Reader in = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // COMMAND closed its output: nothing more to copy
              }
            },
            "ghapp-exec-output");
    thread.start();
    return thread;
  }

  private static void feed(InputStream from, OutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              try (to) {
                from.transferTo(to);
              } catch (IOException e) {
                // COMMAND did not read its input: fine
              }
            },
            "ghapp-exec-input");
    thread.setDaemon(true);
    thread.start();
  }

  /** Revokes COMMAND's token; one GitHub already refuses is gone, as wanted. */
  private static void revoke(Session session, InstallationToken token, PrintWriter err) {
    String base = session.app().baseUrl().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/installation/token");
    String problem;
    try (TokenHttp http = new TokenHttp(token.token(), session.timeout())) {
      TokenHttp.Answer answer = http.send("DELETE", uri, null);
      if (answer.status() == 204 || answer.status() == 401) {
        return; // revoked now, or already expired or revoked
      }
      problem = "GitHub answered " + answer.describe();
    } catch (IOException e) {
      problem = "could not reach " + uri + " (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted";
    }
    err.println(
        Secrets.redact(
            "ghapp: warning: the token of this run was not revoked: "
                + problem
                + "; it expires at "
                + token.expiresAt()
                + "."));
    err.flush();
  }
}
