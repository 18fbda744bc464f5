package io.github.ghapp.cli;

import io.github.ghapp.auth.GitCredentials;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.NotFoundException;
import io.github.ghapp.auth.RepositoryNotAccessibleException;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code ghapp git-credential}: a Git credential helper that answers as the app's installation,
 * user {@code x-access-token} and an installation token, for its own GitHub only.
 *
 * <p>Which installation: the one covering the repository Git asks about, when Git says ({@code
 * credential.useHttpPath}), and then the token is narrowed to that repository; otherwise the
 * installation of {@code --installation-id}, of the single {@code --owner}, or the app's only one.
 * Tokens come from the disk cache while they have {@code --min-validity} left, so a series of Git
 * commands mints once. For another host, another user name, an owner not listed, or a repository
 * the app is not installed on, it answers nothing, and Git asks its next helper or the user.
 */
final class GitCredentialCommand implements Callable<Integer> {
  private static final Duration DEFAULT_MIN_VALIDITY = Duration.ofMinutes(10);

  static final String[] DESCRIPTION = {
    "A Git credential helper that answers as the app's installation.",
    "Answers Git with x-access-token and an installation token, for the app's GitHub (and, with"
        + " --owner, those accounts) only; for any other host, nothing.",
    ""
  };

  static final String[] SET_UP = {
    "  git config --global credential.helper \\",
    "      '!ghapp git-credential --client-id Iv23liABC --private-key ~/keys/app.pem'",
    "  git config --global credential.useHttpPath true   # a token per repository",
    "  git clone https://github.com/octo-org/hello-world.git",
    "For GitHub Enterprise Server add --base-url https://ghe.example.com; for another",
    "host Git gets no answer from ghapp."
  };

  static final String OPERATION_HELP =
      "What Git asks: get a credential, store one (ignored: the token is ghapp's own), erase"
          + " one (drops the cached token Git says failed). Other operations are ignored.";

  CommandSpec spec;

  AppOptions app = new AppOptions();

  HelperOptions helper = new HelperOptions();

  /**
   * The helper's own options, which {@code ghapp setup git} writes into Git's configuration too (it
   * reads these annotations; {@link GitCredentialModel} states the same in code).
   */
  static final class HelperOptions {
    static final String HOST_HELP =
        "Answer for this host (HOST[:PORT]). Default: the web host of --base-url, so"
            + " github.com for github.com's API and the server's host for GitHub Enterprise Server.";
    static final String OWNER_HELP = "Answer only for repositories of this account; repeatable.";
    static final String INSTALLATION_HELP =
        "The installation to use when Git does not say which repository it wants.";
    static final String REPOSITORY_HELP =
        "Narrow tokens to this repository (name without owner); repeatable. When Git names a"
            + " repository, answer only for these.";
    static final String PERMISSION_HELP =
        "Narrow tokens to this permission, e.g. contents=read; repeatable.";
    static final String VALIDITY_HELP =
        "A token must stay valid at least this long, for long clones and pushes. Default: 10m.";
    static final String NO_CACHE_HELP =
        "Mint a new token for every request and cache nothing (a read-only home, a shared"
            + " account).";

    @Option(names = "--host", paramLabel = "HOST", description = HOST_HELP)
    String host;

    @Option(names = "--owner", paramLabel = "LOGIN", description = OWNER_HELP)
    List<String> owners = new ArrayList<>();

    @Option(names = "--installation-id", paramLabel = "ID", description = INSTALLATION_HELP)
    Long installationId;

    @Option(names = "--repository", paramLabel = "NAME", description = REPOSITORY_HELP)
    List<String> repositories = new ArrayList<>();

    @Option(
        names = "--permission",
        paramLabel = "NAME=LEVEL",
        mapFallbackValue = "",
        description = PERMISSION_HELP)
    Map<String, String> permissions = new LinkedHashMap<>();

    @Option(
        names = "--min-validity",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = VALIDITY_HELP)
    Duration minValidity;

    @Option(names = "--no-cache", description = NO_CACHE_HELP)
    boolean noCache;
  }

  String operation;

  private final Environment env;

  GitCredentialCommand(Environment env) {
    this.env = env;
  }

  /**
   * {@code ghapp git-credential} with its model built in code ({@link GitCredentialModel}): Git
   * runs it before every fetch and push, so it starts as fast as {@code ghapp token}.
   */
  static picocli.CommandLine commandLine(Environment env) {
    return GitCredentialModel.commandLine(new GitCredentialCommand(env));
  }

  @Override
  public Integer call() {
    if (!operation.equals("get") && !operation.equals("erase")) {
      return ExitCodes.OK; // store, and operations of future Git versions, need nothing from ghapp
    }
    if ("-".equals(app.privateKey)) {
      throw CliException.usage(
          "a credential helper reads Git's request on standard input, so the private"
              + " key cannot come from there. Pass --private-key FILE or set "
              + AppOptions.PRIVATE_KEY);
    }
    Duration minValidity =
        Tokens.checkMinValidity(
            helper.minValidity != null ? helper.minValidity : DEFAULT_MIN_VALIDITY,
            "--min-validity");
    CredentialRequest request = CredentialRequest.read(env.stdin());
    if (!isForUs(request)) {
      return ExitCodes.OK;
    }
    String[] repository = request.repository();
    if (repository != null
        && !helper.owners.isEmpty()
        && helper.owners.stream().noneMatch(o -> o.equalsIgnoreCase(repository[0]))) {
      return ExitCodes.OK;
    }
    if (repository != null
        && !helper.repositories.isEmpty()
        && helper.repositories.stream().noneMatch(r -> r.equalsIgnoreCase(repository[1]))) {
      return ExitCodes.OK;
    }
    InstallationSelector selector = selector(repository);
    TokenRequest scope = scope(repository);
    try (Session session =
        app.connect(
            env, helper.noCache ? null : env.cacheDirectory(), spec.commandLine().getErr())) {
      return operation.equals("get")
          ? get(session, selector, scope, minValidity)
          : erase(session, selector, scope, request.password());
    }
  }

  private int get(
      Session session, InstallationSelector selector, TokenRequest scope, Duration minValidity) {
    InstallationToken token;
    try {
      token =
          session.withInstallation(
              selector, id -> Tokens.get(session.app(), id, scope, minValidity, false));
    } catch (CliException e) {
      if (selector.isRepository()
          && (e.getCause() instanceof NotFoundException
              || e.getCause() instanceof RepositoryNotAccessibleException)) {
        // The app is not installed there, or its installation does not reach that repository: not
        // ghapp's to answer; Git asks its next helper, or the user.
        return ExitCodes.OK;
      }
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(GitCredentials.of(token).toCredentialHelperOutput());
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Git says the credential failed: drop the cached token, if it is the one Git used, so the next
   * get mints.
   */
  private int erase(
      Session session, InstallationSelector selector, TokenRequest scope, String password) {
    OptionalLong id = session.cachedInstallation(selector);
    if (id.isEmpty() || session.tokens() == null) {
      return ExitCodes.OK;
    }
    TokenKey key =
        new TokenKey(session.app().baseUrl().toString(), session.appKey(), id.getAsLong(), scope);
    InstallationToken cached = session.tokens().get(key);
    if (cached != null && (password == null || password.equals(cached.token()))) {
      session.tokens().remove(key);
    }
    return ExitCodes.OK;
  }

  private InstallationSelector selector(String[] repository) {
    if (repository != null) {
      return InstallationSelector.repository(repository[0], repository[1]);
    }
    if (helper.installationId != null) {
      return InstallationSelector.id(helper.installationId);
    }
    if (helper.owners.size() == 1) {
      return InstallationSelector.account(helper.owners.get(0));
    }
    if (helper.owners.size() > 1) {
      throw CliException.usage(
          "Git did not say which repository it wants, and there are several --owner"
              + " accounts. Run 'git config --global credential.useHttpPath true', or pass --installation-id");
    }
    return InstallationSelector.onlyForGit();
  }

  private TokenRequest scope(String[] repository) {
    try {
      TokenRequest.Builder builder = TokenRequest.builder().permissions(helper.permissions);
      if (repository != null) {
        builder.repositories(repository[1]);
      } else if (!helper.repositories.isEmpty()) {
        builder.repositories(helper.repositories);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(ErrorReporter.lowerFirst(e.getMessage()), e);
    }
  }

  /**
   * Whether Git asks about the configured host, over its protocol, for {@code x-access-token} or
   * anyone.
   */
  private boolean isForUs(CredentialRequest request) {
    String[] expected = configuredOrigin();
    return request.protocol().equals(expected[0])
        && request.host().equals(expected[1])
        && (request.username() == null || request.username().equals(GitCredentials.USERNAME));
  }

  /** {@code [protocol, host]} that Git uses for the configured GitHub. */
  String[] configuredOrigin() {
    return origin(app.baseUrl(env), helper.host);
  }

  /**
   * {@code [protocol, host]} of the web host for {@code baseUrl} (null: github.com), or of {@code
   * hostOverride} ({@code --host}) when given.
   */
  static String[] origin(String baseUrl, String hostOverride) {
    if (hostOverride != null) {
      String host = hostOverride.toLowerCase(Locale.ROOT);
      return new String[] {LoopbackHosts.isLoopback(host) ? "http" : "https", host};
    }
    if (baseUrl == null) {
      return new String[] {"https", "github.com"};
    }
    try {
      URI uri = new URI(baseUrl.strip());
      if (uri.getHost() == null) {
        throw new URISyntaxException(baseUrl, "no host");
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      // The API host of github.com and of GHE.com data residency is api.<web host>; GHES serves
      // both on one.
      if (host.startsWith("api.")) {
        host = host.substring("api.".length());
      }
      return new String[] {
        uri.getScheme().toLowerCase(Locale.ROOT),
        uri.getPort() == -1 ? host : host + ":" + uri.getPort()
      };
    } catch (URISyntaxException e) {
      throw CliException.usage(
          "the base URL '"
              + baseUrl
              + "' is not a URL. Pass e.g. https://ghe.example.com"
              + " or https://api.github.com");
    }
  }
}
