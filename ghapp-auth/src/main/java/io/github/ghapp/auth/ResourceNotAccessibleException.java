package io.github.ghapp.auth;

import java.util.List;
import java.util.Map;

/**
 * The token may see the resource but lacks the permission the operation needs ({@code 403 Resource
 * not accessible by integration}). GitHub says which permission sets it would have accepted in
 * {@code X-Accepted-GitHub-Permissions}; they are here, beside those the token had, and the message
 * names both: {@code ... needs issues=write (this token has issues=read)}.
 *
 * <pre>{@code
 * } catch (ResourceNotAccessibleException e) {
 *   log.warn("ask for one of {} next time", e.acceptedPermissions());
 * }
 * }</pre>
 */
public class ResourceNotAccessibleException extends GitHubException {
  private final List<PermissionSet> acceptedPermissions;
  private final Map<String, String> tokenPermissions;

  public ResourceNotAccessibleException(String message, ErrorDetails details) {
    this(message, details, List.of(), Map.of());
  }

  /**
   * @param acceptedPermissions the sets GitHub would have accepted, any one of them; empty when the
   *     answer did not say
   * @param tokenPermissions the permissions of the token refused; empty when not known
   */
  public ResourceNotAccessibleException(
      String message,
      ErrorDetails details,
      List<PermissionSet> acceptedPermissions,
      Map<String, String> tokenPermissions) {
    super(message, details, false);
    this.acceptedPermissions = List.copyOf(acceptedPermissions);
    this.tokenPermissions = Map.copyOf(tokenPermissions);
  }

  /** The sets any one of which GitHub would have accepted; empty when its answer did not say. */
  public List<PermissionSet> acceptedPermissions() {
    return acceptedPermissions;
  }

  /** The permissions of the token GitHub refused; empty when not known (a bare token). */
  public Map<String, String> tokenPermissions() {
    return tokenPermissions;
  }
}
