package io.github.ghapp.emulator.internal.state;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The repositories, by id and by full name whatever its case, and which of them an installation
 * reaches now. Reads take no lock and see whole records; {@link EmulatorState} adds under its own
 * lock, after checking that neither the id nor the name is taken.
 */
final class RepositoryIndex {

  private final Map<Long, Repository> byId = new ConcurrentHashMap<>();
  private final Map<String, Repository> byFullName = new ConcurrentHashMap<>();

  boolean hasId(long id) {
    return byId.containsKey(id);
  }

  boolean hasName(String owner, String name) {
    return byFullName.containsKey(key(owner, name));
  }

  void add(Repository repository) {
    byId.put(repository.id(), repository);
    byFullName.put(key(repository.owner().login(), repository.name()), repository);
  }

  Optional<Repository> byName(String owner, String name) {
    return Optional.ofNullable(byFullName.get(key(owner, name)));
  }

  Optional<Repository> byId(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** In id order. */
  List<Repository> ownedBy(Account owner) {
    return byId.values().stream()
        .filter(r -> r.owner().id() == owner.id())
        .sorted(Comparator.comparingLong(Repository::id))
        .collect(Collectors.toList());
  }

  /** In id order. */
  List<Repository> reachable(Installation installation) {
    if (installation.repositorySelection() == RepositorySelection.ALL) {
      return ownedBy(installation.account());
    }
    return installation.repositoryIds().stream()
        .map(byId::get)
        .filter(r -> r != null)
        .sorted(Comparator.comparingLong(Repository::id))
        .collect(Collectors.toList());
  }

  /** As {@link #reachable}, counted without listing them: the rate limit asks on every request. */
  int reachableCount(Installation installation) {
    if (installation.repositorySelection() == RepositorySelection.ALL) {
      long owner = installation.account().id();
      return (int) byId.values().stream().filter(r -> r.owner().id() == owner).count();
    }
    return (int) installation.repositoryIds().stream().filter(byId::containsKey).count();
  }

  private static String key(String owner, String name) {
    return (owner + "/" + name).toLowerCase(Locale.ROOT);
  }
}
