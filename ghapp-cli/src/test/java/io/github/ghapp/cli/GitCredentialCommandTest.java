package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The credential helper's side of Git's protocol, fed as Git feeds it; the real git binary is in
 * GitCloneTest.
 */
class GitCredentialCommandTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;
  String host;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
    host = "127.0.0.1:" + emulator.port();
  }

  @Test
  void get_forARepositoryOfTheConfiguredHost_answersAsXAccessTokenWithATokenForThatRepositoryOnly()
      throws Exception {
    Cli.Result result =
        cli.stdin(request("http", host, "octo-org/hello-world.git")).run("git-credential", "get");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .matches("username=x-access-token\npassword=ghs_\\w+\npassword_expiry_utc=\\d+\n");
    assertThat(repositoriesReachedBy(password(result.out()))).isEqualTo(1);
  }

  @Test
  void get_withRepositories_answersOnlyForThemAndNarrowsAPathlessTokenToThem() throws Exception {
    Cli.Result other =
        cli.stdin(request("http", host, "octo-org/docs.git"))
            .run("git-credential", "--repository", "hello-world", "get");
    Cli.Result pathless =
        cli.stdin("protocol=http\nhost=" + host + "\n\n")
            .run("git-credential", "--installation-id", "42", "--repository", "hello-world", "get");

    assertThat(other.exitCode()).isZero();
    assertThat(other.out()).isEmpty();
    assertThat(pathless.exitCode()).as(pathless.err()).isZero();
    assertThat(repositoriesReachedBy(password(pathless.out()))).isEqualTo(1);
  }

  @Test
  void get_calledForEachGitCommand_mintsOnce() {
    String first =
        cli.stdin(request("http", host, "octo-org/hello-world.git"))
            .run("git-credential", "get")
            .out();
    String second =
        cli.stdin(request("http", host, "octo-org/hello-world.git"))
            .run("git-credential", "get")
            .out();

    assertThat(second).isEqualTo(first);
    assertThat(Cli.mints(emulator)).isEqualTo(1);
  }

  @Test
  void get_whenTheCachedTokenHasLessThanTheMinValidityLeft_mintsANewOne() {
    String request = request("http", host, "octo-org/hello-world.git");
    String first = password(cli.stdin(request).run("git-credential", "get").out());
    emulator.clock().advance(Duration.ofMinutes(40)); // 20 minutes left

    String enough =
        password(cli.stdin(request).run("git-credential", "get").out()); // the default 10m
    String longer =
        password(cli.stdin(request).run("git-credential", "--min-validity", "25m", "get").out());
    emulator.clock().advance(Duration.ofMinutes(52)); // 8 minutes left of the newer one
    String renewed = password(cli.stdin(request).run("git-credential", "get").out());

    assertThat(enough).isEqualTo(first);
    assertThat(longer).isNotEqualTo(first);
    assertThat(renewed).isNotEqualTo(longer);
    assertThat(Cli.mints(emulator)).isEqualTo(3);
  }

  @Test
  void get_cachesTheTokenEncryptedInOwnerOnlyFilesUnderTheUsersCacheDirectory() throws Exception {
    String token =
        password(
            cli.stdin(request("http", host, "octo-org/hello-world.git"))
                .run("git-credential", "get")
                .out());

    Path tokens = home.resolve(".cache/ghapp/tokens");
    assertThat(Files.getPosixFilePermissions(tokens))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    List<Path> files;
    try (Stream<Path> listing = Files.list(tokens)) {
      files = listing.filter(f -> f.toString().endsWith(".token")).toList();
    }
    assertThat(files)
        .singleElement()
        .satisfies(
            file -> {
              assertThat(Files.getPosixFilePermissions(file))
                  .isEqualTo(PosixFilePermissions.fromString("rw-------"));
              assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                  .doesNotContain(token);
            });
  }

  @Test
  void get_forAnotherHostProtocolOrUser_answersNothing() {
    assertSilent(
        cli.stdin(request("https", "github.com", "octo-org/hello-world.git"))
            .run("git-credential", "get"));
    assertSilent(
        cli.stdin(request("https", host, "octo-org/hello-world.git")).run("git-credential", "get"));
    assertSilent(
        cli.stdin(
                request("http", host, "octo-org/hello-world.git")
                    .replace("\n\n", "\nusername=alice\n\n"))
            .run("git-credential", "get"));
    assertThat(emulator.requests()).as("not even a look-up").isEmpty();
  }

  @Test
  void get_forARepositoryTheAppIsNotInstalledOn_answersNothing() {
    assertSilent(cli.stdin(request("http", host, "someone/else.git")).run("git-credential", "get"));
    assertSilent(
        cli.stdin(request("http", host, "octo-org/secret-plans.git")).run("git-credential", "get"));
  }

  @Test
  void get_withOwners_answersOnlyForThoseOwners() {
    assertSilent(
        cli.stdin(request("http", host, "octo-org/hello-world.git"))
            .run("git-credential", "--owner", "octocat", "get"));

    Cli.Result result =
        cli.stdin(request("http", host, "octocat/spoon-knife.git"))
            .run("git-credential", "--owner", "octocat", "get");

    assertThat(result.out()).startsWith("username=x-access-token\npassword=ghs_");
  }

  @Test
  void get_withoutAPath_usesTheInstallationOfTheOnlyOwner() throws Exception {
    Cli.Result result =
        cli.stdin(request("http", host, null)).run("git-credential", "--owner", "octo-org", "get");

    assertThat(repositoriesReachedBy(password(result.out())))
        .as("all of octo-org's installation")
        .isEqualTo(2);
  }

  @Test
  void get_withoutAPathAndSeveralOwners_saysHowToFixItAndAnswersNothing() {
    Cli.Result result =
        cli.stdin(request("http", host, null))
            .run("git-credential", "--owner", "octo-org", "--owner", "octocat", "get");

    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).singleElement().asString().contains("credential.useHttpPath");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void erase_ofTheCachedToken_makesTheNextGetMint() {
    String request = request("http", host, "octo-org/hello-world.git");
    String first = password(cli.stdin(request).run("git-credential", "get").out());

    Cli.Result erased =
        cli.stdin(request.replace("\n\n", "\nusername=x-access-token\npassword=" + first + "\n\n"))
            .run("git-credential", "erase");
    String second = password(cli.stdin(request).run("git-credential", "get").out());

    assertSilent(erased);
    assertThat(second).isNotEqualTo(first);
    assertThat(Cli.mints(emulator)).isEqualTo(2);
  }

  @Test
  void erase_ofAnOlderToken_keepsTheCachedOne() {
    String request = request("http", host, "octo-org/hello-world.git");
    String first = password(cli.stdin(request).run("git-credential", "get").out());

    cli.stdin(request.replace("\n\n", "\npassword=ghs_somethingOlder\n\n"))
        .run("git-credential", "erase");

    assertThat(password(cli.stdin(request).run("git-credential", "get").out())).isEqualTo(first);
  }

  @Test
  void storeAndUnknownOperations_areAcceptedSilently() {
    assertSilent(
        cli.stdin(
                request("http", host, "octo-org/hello-world.git")
                    .replace("\n\n", "\npassword=x\n\n"))
            .run("git-credential", "store"));
    assertSilent(cli.stdin(request("http", host, null)).run("git-credential", "capabilities"));
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void theHostAnsweredFor_isDerivedFromTheBaseUrl() {
    assertThat(origin()).containsExactly("https", "github.com");
    assertThat(origin("--base-url", "https://api.github.com"))
        .containsExactly("https", "github.com");
    assertThat(origin("--base-url", "https://api.octocorp.ghe.com"))
        .containsExactly("https", "octocorp.ghe.com");
    assertThat(origin("--base-url", "https://ghe.example.com/api/v3"))
        .containsExactly("https", "ghe.example.com");
    assertThat(origin("--base-url", "https://ghe.example.com:8443"))
        .containsExactly("https", "ghe.example.com:8443");
    assertThat(origin("--base-url", "https://ghe.example.com", "--host", "git.example.com"))
        .containsExactly("https", "git.example.com");
  }

  @Test
  void hostThatOnlyStartsLikeLoopback_isAnsweredOverHttpsOnly() {
    // Regression (security review #7): 127.0.0.1.evil.com got a token over plain http.
    assertThat(origin("--host", "127.0.0.1.evil.com"))
        .containsExactly("https", "127.0.0.1.evil.com");
    assertThat(origin("--host", "localhost.example.com"))
        .containsExactly("https", "localhost.example.com");
    assertThat(origin("--host", "127.0.0.1:8080")).containsExactly("http", "127.0.0.1:8080");
    assertSilent(
        cli.stdin(request("http", "127.0.0.1.evil.com", "octo-org/hello-world.git"))
            .run("git-credential", "--host", "127.0.0.1.evil.com", "get"));
  }

  @Test
  void get_withoutAPathAndSeveralInstallations_suggestsOnlyWhatTheHelperHas() {
    // Regression (security review, further bug 13): it suggested --repo, --org and --user.
    Cli.Result result = cli.stdin(request("http", host, null)).run("git-credential", "get");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .isEqualTo(
            "ghapp: the app has 2 installations (octo-org 42, octocat 43). Run 'git config"
                + " --global credential.useHttpPath true' so that Git says which repository it"
                + " wants, or choose one with --owner or --installation-id.\n");
  }

  private String[] origin(String... options) {
    CommandLine ghapp =
        Ghapp.commandLine(
            new Environment(java.util.Map.of(), System.in, r -> {}, java.time.Clock.systemUTC()));
    String[] args = new String[options.length + 2];
    args[0] = "git-credential";
    System.arraycopy(options, 0, args, 1, options.length);
    args[args.length - 1] = "get";
    ghapp.parseArgs(args);
    return ((GitCredentialCommand) ghapp.getSubcommands().get("git-credential").getCommand())
        .configuredOrigin();
  }

  private static String request(String protocol, String host, String path) {
    return "protocol="
        + protocol
        + "\nhost="
        + host
        + "\n"
        + (path != null ? "path=" + path + "\n" : "")
        + "wwwauth[]=Basic realm=\"GitHub\"\n\n";
  }

  private static String password(String answer) {
    Matcher m = Pattern.compile("password=(\\S+)").matcher(answer);
    assertThat(m.find()).as("a password in %s", answer).isTrue();
    return m.group(1);
  }

  private int repositoriesReachedBy(String token) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(emulator.baseUrl() + "/installation/repositories"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher count = Pattern.compile("\"total_count\"\\s*:\\s*(\\d+)").matcher(response.body());
    assertThat(count.find()).as(response.body()).isTrue();
    return Integer.parseInt(count.group(1));
  }

  private static void assertSilent(Cli.Result result) {
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEmpty();
  }
}
