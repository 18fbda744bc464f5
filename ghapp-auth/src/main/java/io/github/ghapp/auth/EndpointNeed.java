package io.github.ghapp.auth;

import java.util.List;
import java.util.Objects;

/**
 * What one REST endpoint needs from an installation token, as {@link EndpointPermissions} found it
 * in GitHub's published table.
 *
 * @param endpoint {@code METHOD /template} as GitHub writes it, e.g. {@code POST
 *     /repos/{owner}/{repo}/issues}; for an unknown endpoint, the method and path as asked
 * @param kind whether GitHub's table knows the endpoint, and whether it needs any permission
 * @param alternatives the sets any one of which suffices; one set for most endpoints, none when the
 *     endpoint needs no permission or is unknown
 * @param exact false when GitHub's table cannot tell whether its rows for this endpoint are needed
 *     together or are alternatives, or left one out: the one set given then holds every row, which
 *     covers both readings and may be more than the endpoint needs
 */
public record EndpointNeed(
    String endpoint, Kind kind, List<PermissionSet> alternatives, boolean exact) {

  /** Whether the endpoint is known, and needs permissions. */
  public enum Kind {
    /** The endpoint needs one of {@link #alternatives()}. */
    PERMISSIONS,
    /** Installation tokens may call the endpoint with no permission at all ({@code GET /meta}). */
    NONE,
    /** GitHub's table does not list the endpoint: it may not accept installation tokens at all. */
    UNKNOWN
  }

  public EndpointNeed {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(kind, "kind");
    alternatives = List.copyOf(alternatives);
  }

  /** Whether {@code granted} (a token's permissions) has one of the sets that suffice. */
  public boolean isSatisfiedBy(java.util.Map<String, String> granted) {
    return kind == Kind.NONE || alternatives.stream().anyMatch(s -> s.isCoveredBy(granted));
  }

  /** As the CLI prints it: {@code POST /repos/{owner}/{repo}/issues needs issues=write}. */
  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> endpoint + " needs no permission";
      case UNKNOWN -> endpoint + " is not in GitHub's table";
      case PERMISSIONS ->
          endpoint
              + " needs "
              + String.join(" or ", alternatives.stream().map(PermissionSet::toString).toList())
              + (exact ? "" : " (covering every reading of GitHub's table)");
    };
  }
}
