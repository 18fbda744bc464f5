package io.github.ghapp.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.Repository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's installations and the repositories each reaches, filled from the API once and then kept
 * current by the {@code installation} and {@code installation_repositories} events the app
 * receives.
 *
 * <p>Events and the one-off listing can race: a listing requested before an installation was
 * deleted may answer after the {@code deleted} event arrived. So an event always wins: the listing
 * only adds installations that no event has mentioned. A repository list is "unknown" (null) until
 * an event gives it whole or the API is asked; added/removed events on an unknown list leave it
 * unknown.
 */
final class InstallationDirectory {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private final GitHubApp app;
  private final Object loading = new Object();
  private final Map<Long, Entry> entries = new LinkedHashMap<>();
  private final Set<Long> mentionedByEvents = new HashSet<>();
  private volatile boolean loaded;

  /**
   * One installation; {@code repositories} is null while unknown. Replaced whole, never changed.
   */
  private record Entry(Installation installation, List<Repository> repositories) {}

  InstallationDirectory(GitHubApp app) {
    this.app = app;
  }

  /** Every installation, listing them from the API first if that was never done. */
  List<Installation> installations() {
    ensureLoaded();
    synchronized (this) {
      return entries.values().stream().map(Entry::installation).toList();
    }
  }

  /**
   * The repositories {@code installation} reaches, asking the API ({@code GET
   * /installation/repositories} as the installation) when they are not known yet.
   */
  List<Repository> repositories(Installation installation) {
    synchronized (this) {
      Entry entry = entries.get(installation.id());
      if (entry != null && entry.repositories() != null) {
        return entry.repositories();
      }
    }
    List<Repository> fetched = new ArrayList<>();
    for (JsonNode repo :
        app.installationClient(installation.id()).paginate("GET /installation/repositories")) {
      WebhookEvent.repositoryOf(repo).ifPresent(fetched::add);
    }
    List<Repository> repositories = List.copyOf(fetched);
    synchronized (this) {
      Entry entry = entries.get(installation.id());
      // Only fill a list still unknown: one an event set meanwhile is at least as fresh.
      if (entry != null && entry.repositories() == null) {
        entries.put(installation.id(), new Entry(entry.installation(), repositories));
      }
    }
    return repositories;
  }

  /**
   * Applies an {@code installation} or {@code installation_repositories} event; ignores any other.
   */
  void apply(WebhookEvent event) {
    boolean installationEvent = event.name().equals("installation");
    if (!installationEvent && !event.name().equals("installation_repositories")) {
      return;
    }
    JsonNode payload = event.payload();
    Installation installation = installation(payload.path("installation"));
    if (installation == null) {
      log.warn(
          "{} delivery {} carries no usable installation object; installation directory unchanged",
          event.qualifiedName(),
          event.deliveryId());
      return;
    }
    String action = event.action().orElse("");
    synchronized (this) {
      mentionedByEvents.add(installation.id());
      Entry before = entries.get(installation.id());
      if (installationEvent && action.equals("deleted")) {
        entries.remove(installation.id());
      } else if (installationEvent) {
        // created, suspend, unsuspend, new_permissions_accepted (and any newer action): the payload
        // holds the installation as it now is, and for some actions the repositories it reaches.
        List<Repository> repos =
            payload.has("repositories")
                ? repositories(payload.get("repositories"))
                : before == null ? null : before.repositories();
        entries.put(installation.id(), new Entry(installation, repos));
      } else {
        List<Repository> repos = before == null ? null : before.repositories();
        if (repos != null) {
          repos =
              changed(
                  repos,
                  repositories(payload.path("repositories_added")),
                  repositories(payload.path("repositories_removed")));
        }
        entries.put(installation.id(), new Entry(installation, repos));
      }
    }
    log.debug(
        "installation directory: {} for installation {}", event.qualifiedName(), installation.id());
  }

  private void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (loading) {
      if (loaded) {
        return;
      }
      List<Installation> listed = app.installations().list();
      synchronized (this) {
        for (Installation installation : listed) {
          if (!mentionedByEvents.contains(installation.id())) {
            entries.putIfAbsent(installation.id(), new Entry(installation, null));
          }
        }
      }
      loaded = true;
      log.debug("installation directory filled from the API: {} installations", listed.size());
    }
  }

  private static List<Repository> changed(
      List<Repository> repos, List<Repository> added, List<Repository> removed) {
    Map<Long, Repository> byId = new LinkedHashMap<>();
    repos.forEach(r -> byId.put(r.id(), r));
    added.forEach(r -> byId.put(r.id(), r));
    removed.forEach(r -> byId.remove(r.id()));
    return List.copyOf(byId.values());
  }

  private static List<Repository> repositories(JsonNode array) {
    Set<Repository> repos = new LinkedHashSet<>();
    if (array.isArray()) {
      array.forEach(r -> WebhookEvent.repositoryOf(r).ifPresent(repos::add));
    }
    return List.copyOf(repos);
  }

  /**
   * The installation object of a webhook payload, or null when it lacks a positive id or account.
   */
  static Installation installation(JsonNode json) {
    JsonNode id = json.get("id");
    String account = json.path("account").path("login").asText(null);
    if (id == null || !id.canConvertToLong() || id.asLong() <= 0 || account == null) {
      return null;
    }
    Map<String, String> permissions = new HashMap<>();
    json.path("permissions")
        .fields()
        .forEachRemaining(p -> permissions.put(p.getKey(), p.getValue().asText()));
    List<String> events = new ArrayList<>();
    json.path("events").forEach(e -> events.add(e.asText()));
    return new Installation(
        id.asLong(),
        json.path("app_id").asLong(),
        account,
        json.path("account").path("type").asText(null),
        json.path("repository_selection").asText(null),
        permissions,
        events,
        instant(json.get("suspended_at")));
  }

  private static Instant instant(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      long seconds = value.asLong();
      boolean representable =
          seconds >= Instant.MIN.getEpochSecond() && seconds <= Instant.MAX.getEpochSecond();
      return representable ? Instant.ofEpochSecond(seconds) : Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      // Suspended all the same; only the moment is unreadable.
      return Instant.EPOCH;
    }
  }
}
