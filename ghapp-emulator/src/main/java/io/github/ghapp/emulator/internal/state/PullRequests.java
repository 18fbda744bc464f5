package io.github.ghapp.emulator.internal.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pull requests of every repository, each the pull request side of the {@link Issue} of the
 * same number. Guarded by the lock of the {@link Issues} that owns it, so that a number, its issue
 * and its pull request are made together.
 */
public final class PullRequests {

  private final Issues issues;
  private final Map<Long, Map<Integer, PullRequest>> byRepository = new HashMap<>();

  PullRequests(Issues issues) {
    this.issues = issues;
  }

  public Optional<PullRequest> find(long repositoryId, int number) {
    synchronized (issues) {
      return Optional.ofNullable(byRepository.getOrDefault(repositoryId, Map.of()).get(number));
    }
  }
}
