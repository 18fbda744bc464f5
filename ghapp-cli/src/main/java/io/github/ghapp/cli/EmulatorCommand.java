package io.github.ghapp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ghapp emulator}: GitHub's side, locally, in the foreground until Ctrl-C or SIGTERM, which
 * stop it cleanly (exit 0). Each app's private key is written to a file (owner-only) so that {@code
 * ghapp token} and programs can use it; a temporary one is deleted on stop.
 */
@Command(
    name = "emulator",
    sortOptions = false,
    addMethodSubcommands = false,
    description = {
      "Run the GitHub emulator in the foreground, until Ctrl-C or SIGTERM (then exit 0).",
      "The App REST API, GraphQL, Git over HTTP and webhooks, on 127.0.0.1. Prints its URL and each app's"
          + " id and key file.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ghapp emulator --port 8080",
      "  ghapp emulator --state my-github.yaml --ghes --long-tokens",
      "  ghapp emulator --tls   # HTTPS; prints how to make clients trust it",
      "  # then, in another shell, after the export line it prints:",
      "  ghapp token --repo octo-org/hello-world"
    })
final class EmulatorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "The port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "The apps, accounts, repositories and installations (YAML or JSON). Default: the demo"
              + " state (app 1001, org octo-org, user octocat).")
  Path state;

  @Option(
      names = "--ghes",
      description = "Serve GitHub Enterprise Server's paths (/api/v3, /api/graphql).")
  boolean ghes;

  @Option(
      names = "--long-tokens",
      description = "Issue GitHub's long (~520 characters) token format.")
  boolean longTokens;

  @Option(
      names = "--tls",
      description =
          "Serve HTTPS with a certificate for 127.0.0.1 and localhost, signed by a CA made for this"
              + " run and written beside the keys (ca.pem, truststore.p12).")
  boolean tls;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Keep Git repositories and key files in DIR. Default: a temporary directory, deleted on"
              + " stop.")
  Path dataDirectory;

  private final Environment env;

  EmulatorCommand(Environment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!Verbosity.isVerbose(spec.commandLine().getParseResult())) {
      LogSetup.warnings();
    }
    if (port < 0 || port > 65_535) {
      throw CliException.usage(
          "--port " + port + " is not a port. Pass 1 to 65535, or 0 for any free one");
    }
    if (state != null && !Files.isRegularFile(state)) {
      throw CliException.usage(
          "the state file "
              + state.toAbsolutePath()
              + " does not exist. Pass a YAML or"
              + " JSON state file, or leave --state out for the demo state");
    }
    GitHubEmulator emulator = start();
    Path keys = null;
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      keys =
          dataDirectory != null
              ? PrivateFiles.directory(dataDirectory.resolve("keys"))
              : PrivateFiles.directory(Files.createTempDirectory("ghapp-emulator-keys-"));
      List<AppKey> apps = writeKeys(emulator, keys);
      // Owner-only beside the keys, for scripts that drive the admin API from another shell.
      Path adminTokenFile = keys.resolve("admin-token");
      PrivateFiles.write(adminTokenFile, emulator.adminToken().getBytes(StandardCharsets.US_ASCII));
      Trust trust = tls ? Trust.writeBeside(emulator.tls(), keys) : null;
      Path keysToDelete = dataDirectory != null ? null : keys;
      PrintWriter out = spec.commandLine().getOut();
      env.onShutdown()
          .accept(
              () -> {
                // The stop action runs once: if stopping fails, the command must end all the same,
                // not wait on.
                try {
                  emulator.stop();
                  Trees.delete(keysToDelete);
                  out.println("ghapp emulator: stopped.");
                  out.flush();
                } finally {
                  stopped.countDown();
                }
              });
      describe(emulator, apps, adminTokenFile, out);
      if (trust != null) {
        trust.describe(out);
      }
    } catch (IOException | RuntimeException e) {
      emulator.stop();
      Trees.delete(dataDirectory != null ? null : keys);
      throw e instanceof IOException
          ? new UncheckedIOException((IOException) e)
          : (RuntimeException) e;
    }
    stopped.await();
    return ExitCodes.OK;
  }

  private GitHubEmulator start() {
    GitHubEmulator.Builder builder =
        GitHubEmulator.builder().port(port).ghes(ghes).longTokens(longTokens);
    if (tls) {
      builder.tls();
    }
    if (state != null) {
      builder.state(state);
    } else {
      builder.demoState();
    }
    if (dataDirectory != null) {
      builder.dataDirectory(dataDirectory);
    }
    try {
      return builder.build().start();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "the state "
              + (state != null ? "file " + state : "")
              + " is not valid: "
              + ErrorReporter.lowerFirst(e.getMessage()),
          e);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          throw CliException.usage(
              "port "
                  + port
                  + " is in use. Choose another with --port, or --port 0 for"
                  + " any free one",
              e);
        }
      }
      throw e;
    }
  }

  /**
   * An app of the emulator, and where its private key was written (null: it has public keys only).
   */
  private record AppKey(long id, String slug, String clientId, Path keyFile) {}

  /** Writes each app's private key to {@code <slug>.pem}. */
  private static List<AppKey> writeKeys(GitHubEmulator emulator, Path keys) throws IOException {
    List<AppKey> apps = new ArrayList<>();
    for (JsonNode app : adminState(emulator).path("apps")) {
      long id = app.path("id").asLong();
      String slug = app.path("slug").asText();
      Path file = null;
      try {
        String pem = emulator.app(id).privateKeyPem();
        file = keys.resolve(slug + ".pem");
        PrivateFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII));
      } catch (IllegalStateException publicKeyOnly) {
        // the state gave a public key: its owner signs with the private key they hold
      }
      apps.add(new AppKey(id, slug, app.path("client_id").asText(), file));
    }
    return apps;
  }

  /** The emulator's own summary of its state (its admin API), for the list of apps. */
  private static JsonNode adminState(GitHubEmulator emulator) throws IOException {
    URI uri = emulator.baseUrl().resolve("/_emulator/state");
    HttpClient.Builder client = HttpClient.newBuilder();
    if (uri.getScheme().equals("https")) {
      client.sslContext(emulator.tls().sslContext());
    }
    try {
      HttpResponse<String> response =
          client
              .build()
              .send(
                  HttpRequest.newBuilder(uri)
                      .header("Authorization", "Bearer " + emulator.adminToken())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the emulator's state", e);
    }
  }

  private static void describe(
      GitHubEmulator emulator, List<AppKey> apps, Path adminTokenFile, PrintWriter out) {
    String base = emulator.baseUrl().toString();
    out.println("GitHub emulator running (Ctrl-C to stop)");
    out.println("  REST     " + base);
    out.println("  GraphQL  " + emulator.graphqlUrl());
    String root = emulator.baseUrl().resolve("/").toString();
    out.println("  Git      " + root + "OWNER/REPO.git");
    out.println(
        "  Admin    "
            + root
            + "_emulator/ with 'Authorization: Bearer "
            + emulator.adminToken()
            + "' (also in "
            + adminTokenFile
            + ")");
    for (AppKey app : apps) {
      out.println(
          "  app "
              + app.id()
              + "  "
              + app.slug()
              + ", client ID "
              + app.clientId()
              + ", "
              + (app.keyFile() != null ? "key " + app.keyFile() : "public key only"));
    }
    apps.stream()
        .filter(a -> a.keyFile() != null)
        .findFirst()
        .ifPresent(
            app -> {
              out.println();
              out.println("Use it from another shell:");
              out.println(
                  "  export "
                      + AppOptions.BASE_URL
                      + "="
                      + base
                      + " "
                      + AppOptions.CLIENT_ID
                      + "="
                      + app.clientId()
                      + " "
                      + AppOptions.PRIVATE_KEY
                      + "="
                      + app.keyFile());
              out.println("  ghapp installations");
            });
    out.flush();
  }
}
