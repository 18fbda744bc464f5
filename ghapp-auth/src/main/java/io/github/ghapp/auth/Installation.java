package io.github.ghapp.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One installation of the app on an account (an organization or a user), as GitHub describes it.
 *
 * <pre>{@code
 * Installation inst = app.installations().forRepository("octo-org", "hello-world");
 * if (!inst.isSuspended()) {
 *   TokenProvider tokens = app.tokenProvider(inst.id());
 * }
 * }</pre>
 *
 * @param id the installation's id, used to mint its tokens
 * @param appId the id of the app it belongs to
 * @param account the login of the account the app is installed on
 * @param accountType {@code Organization}, {@code User} or {@code Enterprise}
 * @param repositorySelection {@code all} or {@code selected}
 * @param permissions permission name to level, as the account granted them
 * @param events the webhook events the installation subscribes to
 * @param suspendedAt when it was suspended, or null when it is active
 */
public record Installation(
    long id,
    long appId,
    String account,
    String accountType,
    String repositorySelection,
    Map<String, String> permissions,
    List<String> events,
    Instant suspendedAt) {

  public Installation {
    Objects.requireNonNull(account, "account");
    permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** Whether the installation is suspended; no tokens can be minted for it then. */
  public boolean isSuspended() {
    return suspendedAt != null;
  }
}
