package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.RecordedRequest;
import io.github.ghapp.emulator.internal.EmulatorCore;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiServlet;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitFilter;
import org.eclipse.jgit.http.server.resolver.AsIsFileService;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Decides who may fetch or push before JGit's {@link GitFilter} serves the protocol, and answers
 * refusals as GitHub does, in plain text that git shows its user as {@code remote: ...}:
 *
 * <ul>
 *   <li>an installation token as the password of Basic authentication: clone and fetch need {@code
 *       contents: read}, push {@code contents: write}; without it 403 {@code Write access to
 *       repository not granted.} (GitHub words a refused clone the same way);
 *   <li>a repository outside the token's reach, or none at all: 404 {@code Repository not found.};
 *   <li>a public repository: anyone may fetch, no foreign installation may push;
 *   <li>no credentials where they are needed, or credentials that are not a valid installation
 *       token: 401 with {@code WWW-Authenticate: Basic realm="GitHub"}, so that git asks its
 *       credential helper and tries again.
 * </ul>
 *
 * The username is not checked: GitHub documents {@code x-access-token} but ignores the username
 * whenever the password is a valid token, and clients send all sorts ({@code git}, {@code oauth2},
 * the app's name). Every Git request goes into the request log (credential {@code BASIC}); injected
 * delays and 5xx apply as to the API.
 */
final class GitAccessFilter implements Filter {

  static final String REPOSITORY_NOT_FOUND = "Repository not found.";
  static final String WRITE_NOT_GRANTED = "Write access to repository not granted.";
  static final String INVALID_CREDENTIALS =
      "Invalid username or token. Password authentication is not supported for Git operations.";
  private static final String REPOSITORY_ATTRIBUTE =
      GitAccessFilter.class.getName() + ".repository";

  private final EmulatorCore core;
  private final GitFilter git = new GitFilter();

  GitAccessFilter(EmulatorCore core) {
    this.core = core;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    // The repository was found and the caller checked before JGit runs; it only opens what the
    // filter chose.
    git.setRepositoryResolver(
        (request, name) -> {
          Object repository = request.getAttribute(REPOSITORY_ATTRIBUTE);
          if (!(repository instanceof Repository)) {
            throw new RepositoryNotFoundException(name);
          }
          try {
            return new FileRepositoryBuilder()
                .setGitDir(((Repository) repository).gitDirectory().toFile())
                .setMustExist(true)
                .build();
          } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
          }
        });
    git.setAsIsFileService(AsIsFileService.DISABLED);
    git.setUploadPackFactory((request, repository) -> new UploadPack(repository));
    git.setReceivePackFactory(
        (request, repository) -> {
          ReceivePack receive = new ReceivePack(repository);
          Object who = request.getAttribute(PersonIdent.class.getName());
          if (who instanceof PersonIdent) {
            receive.setRefLogIdent((PersonIdent) who);
          }
          return receive;
        });
    git.init(config);
  }

  @Override
  public void destroy() {
    git.destroy();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    Optional<GitPath> path = GitPath.parse(request.getRequestURI(), request.getQueryString());
    if (path.isEmpty()) {
      chain.doFilter(req, res);
      return;
    }
    core.faults().takeDelay().ifPresent(GitAccessFilter::pause);
    Instant now = core.now();
    String requestId = ApiServlet.newRequestId();
    Exchange exchange = new Exchange(request, now, requestId);
    LoggedResponse response = new LoggedResponse((HttpServletResponse) res, exchange::log);
    response.setHeader("X-GitHub-Request-Id", requestId);
    try {
      serve(path.get(), request, response, chain, exchange);
    } finally {
      response.logOnce();
    }
  }

  private void serve(
      GitPath path,
      HttpServletRequest request,
      LoggedResponse response,
      FilterChain chain,
      Exchange exchange)
      throws IOException, ServletException {
    OptionalInt failure = core.faults().takeFailure();
    if (failure.isPresent()) {
      refuse(response, failure.getAsInt(), "Server Error");
      return;
    }
    Caller caller;
    try {
      caller = core.credentials().resolve(request.getHeader("Authorization"), exchange.now);
    } catch (ApiException refused) {
      exchange.kind = CredentialKind.INVALID;
      if (refused.status() == 403) {
        refuse(response, 403, refused.getMessage());
      } else {
        challenge(response, INVALID_CREDENTIALS);
      }
      return;
    }
    exchange.kind = caller.kind();
    if (caller instanceof Caller.AppCaller) {
      // An app's JWT is not a Git credential; git is asked for a username and password instead.
      exchange.kind = CredentialKind.INVALID;
      challenge(response, INVALID_CREDENTIALS);
      return;
    }
    if (caller instanceof Caller.InstallationCaller) {
      exchange.installationId = ((Caller.InstallationCaller) caller).installation().id();
    }
    Optional<Repository> repository = core.state().repository(path.owner(), path.repository());
    RepositoryAccess.Decision decision =
        repository
            .map(
                r ->
                    core.repositoryAccess()
                        .decide(
                            caller,
                            r,
                            "contents",
                            path.push() ? PermissionLevel.WRITE : PermissionLevel.READ))
            .orElse(RepositoryAccess.Decision.NOT_FOUND);
    if (decision != RepositoryAccess.Decision.ALLOWED) {
      if (caller instanceof Caller.Anonymous) {
        // Without credentials GitHub never says whether the repository exists: it asks for them.
        challenge(response, null);
      } else if (decision == RepositoryAccess.Decision.FORBIDDEN) {
        refuse(response, 403, WRITE_NOT_GRANTED);
      } else {
        refuse(response, 404, REPOSITORY_NOT_FOUND);
      }
      return;
    }
    request.setAttribute(REPOSITORY_ATTRIBUTE, repository.get());
    if (caller instanceof Caller.InstallationCaller) {
      request.setAttribute(
          PersonIdent.class.getName(), pusher((Caller.InstallationCaller) caller, exchange.now));
    }
    git.doFilter(request, response, chain);
  }

  /** What the request log needs to know of one Git request, filled in as the request is checked. */
  private final class Exchange {
    final HttpServletRequest request;
    final Instant now;
    final String requestId;
    CredentialKind kind;
    Long installationId;

    Exchange(HttpServletRequest request, Instant now, String requestId) {
      this.request = request;
      this.now = now;
      this.requestId = requestId;
      this.kind = CredentialResolver.classify(request.getHeader("Authorization"));
    }

    void log(int status) {
      core.requestLog()
          .add(
              new RecordedRequest(
                  request.getMethod(),
                  request.getRequestURI(),
                  kind,
                  installationId,
                  status,
                  now,
                  requestId));
    }
  }

  /** The reflog names the app's bot, as GitHub's audit log names who pushed. */
  private PersonIdent pusher(Caller.InstallationCaller caller, Instant now) {
    String login =
        core.state().app(caller.installation().appId()).map(App::botLogin).orElse("app[bot]");
    return new PersonIdent(login, login + "@users.noreply.github.com", now, ZoneOffset.UTC);
  }

  private static void challenge(LoggedResponse response, String message) throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"GitHub\"");
    if (message == null) {
      response.setStatus(401);
      response.logOnce();
      response.setContentLength(0);
    } else {
      refuse(response, 401, message);
    }
  }

  /** Plain text: git prints each line of such a body as {@code remote: <line>}. */
  private static void refuse(LoggedResponse response, int status, String message)
      throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.logOnce();
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static void pause(Duration delay) {
    try {
      // An injected delay holds this request's server thread, as a slow GitHub would.
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
