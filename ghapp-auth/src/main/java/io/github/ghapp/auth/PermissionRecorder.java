package io.github.ghapp.auth;

import io.github.ghapp.auth.EndpointNeed.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Notes which endpoints an App really calls, and gives back the least permissions that cover them:
 * for a token request narrowed to a job, or for the {@code default_permissions} of the App's
 * manifest. Switch it on in a test suite, or in production for a while, and read what it learnt.
 *
 * <p>It records endpoints as {@code METHOD /template} only (never a token, a header or a body) and
 * each {@code X-Accepted-GitHub-Permissions} header GitHub sent, which is exact where GitHub's
 * table is not: an endpoint whose accepted sets were seen is covered by one of those sets.
 *
 * <pre>{@code
 * PermissionRecorder recorder = new PermissionRecorder();
 * GitHubApp app = GitHubApp.builder().appId(123).privateKey(key).listener(recorder).build();
 * // ... the App does its work ...
 * recorder.leastPermissions();     // e.g. checks=write,contents=read
 * recorder.manifestPermissions();  // {checks=write, contents=read, metadata=read}
 * }</pre>
 *
 * <p>Endpoints GitHub's table does not list (the App's own JWT routes such as {@code POST
 * /app/installations/{installation_id}/access_tokens}, GraphQL) are kept apart in {@link
 * #unlistedEndpoints()}: they need no installation permission, or one this table cannot say.
 * Thread-safe.
 */
public final class PermissionRecorder implements GitHubAppListener {
  private final EndpointPermissions catalog;
  private final SortedSet<String> endpoints = new ConcurrentSkipListSet<>();
  private final SortedSet<String> unlisted = new ConcurrentSkipListSet<>();
  private final Map<String, List<PermissionSet>> accepted = new ConcurrentHashMap<>();

  /** A recorder reading github.com's table for the default API version. */
  public PermissionRecorder() {
    this(EndpointPermissions.githubCom());
  }

  /** A recorder reading {@code catalog}'s table (a GHES release, another API version). */
  public PermissionRecorder(EndpointPermissions catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public void requestCompleted(String method, String route, int status, Duration took) {
    EndpointNeed need = catalog.need(method + " " + route);
    (need.kind() == Kind.UNKNOWN ? unlisted : endpoints).add(need.endpoint());
  }

  @Override
  public void acceptedPermissionsReported(String method, String route, List<PermissionSet> sets) {
    accepted.put(catalog.need(method + " " + route).endpoint(), List.copyOf(sets));
  }

  /** The endpoints called that GitHub's table lists, {@code METHOD /template}, sorted. */
  public SortedSet<String> endpoints() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(endpoints));
  }

  /** The endpoints called that GitHub's table does not list (JWT routes, GraphQL, unknown). */
  public SortedSet<String> unlistedEndpoints() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(unlisted));
  }

  /** The accepted sets GitHub named, by endpoint. */
  public SortedMap<String, List<PermissionSet>> acceptedPermissions() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(accepted));
  }

  /**
   * The least permissions that cover every endpoint recorded: for each, one of the sets GitHub said
   * it accepts when it said so, else one of those its table gives.
   */
  public PermissionSet leastPermissions() {
    List<List<PermissionSet>> needs = new ArrayList<>();
    for (String endpoint : endpoints) {
      List<PermissionSet> seen = accepted.get(endpoint);
      needs.add(seen != null ? seen : catalog.need(endpoint).alternatives());
    }
    return catalog.leastOf(needs);
  }

  /** A token request for {@link #leastPermissions()}, to narrow to repositories and build. */
  public TokenRequest.Builder tokenRequest() {
    return EndpointPermissions.requestFor(leastPermissions());
  }

  /**
   * The {@code default_permissions} of an App manifest that covers everything recorded: {@link
   * #leastPermissions()} with {@code metadata: read} written out whenever a repository permission
   * is there, as GitHub's settings page shows it.
   */
  public SortedMap<String, String> manifestPermissions() {
    SortedMap<String, String> manifest = new TreeMap<>(leastPermissions().levels());
    if (manifest.keySet().stream().anyMatch(catalog::isRepositoryPermission)) {
      manifest.putIfAbsent("metadata", "read");
    }
    return Collections.unmodifiableSortedMap(manifest);
  }

  /** Forgets everything recorded. */
  public void clear() {
    endpoints.clear();
    unlisted.clear();
    accepted.clear();
  }

  @Override
  public String toString() {
    return "PermissionRecorder[" + endpoints.size() + " endpoints, " + catalog.table() + "]";
  }
}
