package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Exchange;
import io.github.ghapp.emulator.internal.http.Surface;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.RefUpdate;
import io.github.ghapp.emulator.internal.state.Repository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitFilter;
import org.eclipse.jgit.http.server.resolver.AsIsFileService;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git over HTTP on the emulator's own port, at the host root as on GitHub (also in GHES mode):
 * {@code http://127.0.0.1:PORT/owner/repo.git}, smart protocol only ({@link GitPath}). It decides
 * who may fetch or push, then JGit's {@link GitFilter} serves the protocol; refusals are answered
 * as GitHub does, in plain text that git shows its user as {@code remote: ...}:
 *
 * <ul>
 *   <li>an installation token as the password of Basic authentication: clone and fetch need {@code
 *       contents: read}, push {@code contents: write}; without it 403 {@code Write access to
 *       repository not granted.} (GitHub words a refused clone the same way);
 *   <li>a repository outside the token's reach, or none at all: 404 {@code Repository not found.};
 *   <li>a public repository: anyone may fetch, no foreign installation may push;
 *   <li>no credentials where they are needed, or credentials that are not a valid installation
 *       token (an app's JWT included): 401 with {@code WWW-Authenticate: Basic realm="GitHub"}, so
 *       that git asks its credential helper and tries again.
 * </ul>
 *
 * The username is not checked: GitHub documents {@code x-access-token} but ignores the username
 * whenever the password is a valid token, and clients send all sorts ({@code git}, {@code oauth2},
 * the app's name). Git requests do not count against the API rate limit. JGit streams its answers,
 * so they are logged at their first byte ({@link Exchange#streamingResponse()}).
 */
public final class GitSurface implements Surface {

  static final String REPOSITORY_NOT_FOUND = "Repository not found.";
  static final String WRITE_NOT_GRANTED = "Write access to repository not granted.";
  static final String INVALID_CREDENTIALS =
      "Invalid username or token. Password authentication is not supported for Git operations.";
  private static final String REPOSITORY_ATTRIBUTE = GitSurface.class.getName() + ".repository";
  private static final String PUSHER_ATTRIBUTE = GitSurface.class.getName() + ".pusher";

  /** JGit serves every smart-protocol path {@link GitPath} accepts; this is never reached. */
  private static final FilterChain NOT_GIT =
      (request, response) -> ((HttpServletResponse) response).sendError(404);

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final GitFilter git = new GitFilter();

  public GitSurface(EmulatorState state, RepositoryAccess repositoryAccess) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
  }

  @Override
  public boolean claims(HttpServletRequest request) {
    return GitPath.parse(request.getRequestURI(), request.getQueryString()).isPresent();
  }

  /** Git's refusals are plain text; there is no documentation URL to point at. */
  @Override
  public String documentationUrl() {
    return null;
  }

  /**
   * The caller may fetch (or push to) the repository. An app's JWT is not a Git credential: git is
   * asked for a username and password instead.
   */
  @Override
  public void admit(Exchange exchange) {
    Caller caller = exchange.caller();
    if (caller instanceof Caller.AppCaller) {
      exchange.refuseCredential();
      throw ApiException.of(401, INVALID_CREDENTIALS);
    }
    HttpServletRequest request = exchange.request();
    GitPath path = GitPath.parse(request.getRequestURI(), request.getQueryString()).orElseThrow();
    Optional<Repository> repository = state.repository(path.owner(), path.repository());
    RepositoryAccess.Decision decision =
        repository
            .map(
                r ->
                    repositoryAccess.decide(
                        caller,
                        r,
                        "contents",
                        path.push() ? PermissionLevel.WRITE : PermissionLevel.READ))
            .orElse(RepositoryAccess.Decision.NOT_FOUND);
    if (decision != RepositoryAccess.Decision.ALLOWED) {
      if (caller instanceof Caller.Anonymous) {
        // Without credentials GitHub never says whether the repository exists: it asks for them.
        throw ApiException.of(401, "credentials needed");
      }
      throw decision == RepositoryAccess.Decision.FORBIDDEN
          ? ApiException.of(403, WRITE_NOT_GRANTED)
          : ApiException.of(404, REPOSITORY_NOT_FOUND);
    }
    request.setAttribute(REPOSITORY_ATTRIBUTE, repository.get());
    if (caller instanceof Caller.InstallationCaller installation) {
      request.setAttribute(PersonIdent.class.getName(), pusher(installation, exchange.now()));
      request.setAttribute(PUSHER_ATTRIBUTE, installation);
    }
  }

  @Override
  public String budget(Exchange exchange) {
    return null;
  }

  @Override
  public ApiResponse overBudget(Exchange exchange) {
    throw new IllegalStateException("Git requests have no budget");
  }

  @Override
  public ApiResponse answer(Exchange exchange) throws IOException, ServletException {
    HttpServletResponse response = exchange.streamingResponse();
    response.setHeader("X-GitHub-Request-Id", exchange.requestId());
    git.doFilter(exchange.request(), response, NOT_GIT);
    return ApiResponse.STREAMED;
  }

  /**
   * Credentials that were given and refused (whatever the API would have said: a bad token, an
   * unknown app's JWT) are a Basic challenge with GitHub's message, which git shows; no credentials
   * where they are needed, a bare challenge, so that git asks its credential helper. Everything
   * else (a suspended installation, a missing permission or repository, a 5xx) is its message.
   */
  @Override
  public ApiResponse refusal(Exchange exchange, ApiException refused) {
    int status = refused.status();
    if (status < 500 && status != 403 && exchange.credential() == CredentialKind.INVALID) {
      return challenge(INVALID_CREDENTIALS);
    }
    if (status == 401) {
      return challenge(null);
    }
    return ApiResponse.text(status, refused.getMessage());
  }

  private static ApiResponse challenge(String message) {
    return ApiResponse.text(401, message).header("WWW-Authenticate", "Basic realm=\"GitHub\"");
  }

  /** Plain text: git prints each line of such a body as {@code remote: <line>}. */
  @Override
  public void write(Exchange exchange, ApiResponse answer) throws IOException {
    HttpServletResponse response = exchange.response();
    response.setHeader("X-GitHub-Request-Id", exchange.requestId());
    answer.headers().forEach(response::setHeader);
    response.setStatus(answer.status());
    if (answer.text() == null) {
      response.setContentLength(0);
      return;
    }
    byte[] body = (answer.text() + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The repository was found and the caller checked before JGit runs: it opens what we chose. */
  @Override
  public void init(ServletContext context) throws ServletException {
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
          Object repositoryRecord = request.getAttribute(REPOSITORY_ATTRIBUTE);
          Object pusher = request.getAttribute(PUSHER_ATTRIBUTE);
          if (repositoryRecord instanceof Repository pushedTo
              && pusher instanceof Caller.InstallationCaller installation
              && who instanceof PersonIdent ident) {
            receive.setPreReceiveHook(PushRules.of(pushedTo, installation));
            receive.setPostReceiveHook(
                (pack, commands) ->
                    published(pushedTo, installation, ident.getWhenAsInstant(), commands));
          }
          return receive;
        });
    git.init(filterConfig(context));
  }

  @Override
  public void destroy() {
    git.destroy();
  }

  /** One {@link RefUpdate} per ref the push moved; refused commands moved nothing. */
  private void published(
      Repository repository,
      Caller.InstallationCaller installation,
      Instant now,
      Collection<ReceiveCommand> commands) {
    Optional<App> app = state.app(installation.installation().appId());
    if (app.isEmpty()) {
      return; // uninstalled between admission and the pack: nobody to name as the pusher
    }
    for (ReceiveCommand command : commands) {
      if (command.getResult() == ReceiveCommand.Result.OK) {
        state.refUpdated(
            new RefUpdate(
                repository,
                command.getRefName(),
                command.getOldId(),
                command.getNewId(),
                command.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD,
                BotUser.of(app.get()),
                installation.installation().id(),
                RefUpdate.Via.GIT,
                now));
      }
    }
  }

  /** The reflog names the app's bot, as GitHub's audit log names who pushed. */
  private PersonIdent pusher(Caller.InstallationCaller caller, Instant now) {
    String login = state.app(caller.installation().appId()).map(App::botLogin).orElse("app[bot]");
    return new PersonIdent(login, login + "@users.noreply.github.com", now, ZoneOffset.UTC);
  }

  private static FilterConfig filterConfig(ServletContext context) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "git";
      }

      @Override
      public ServletContext getServletContext() {
        return context;
      }

      @Override
      public String getInitParameter(String name) {
        return null;
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.emptyEnumeration();
      }
    };
  }
}
