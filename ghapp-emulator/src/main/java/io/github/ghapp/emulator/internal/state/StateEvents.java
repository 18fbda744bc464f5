package io.github.ghapp.emulator.internal.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of {@link EmulatorState}'s changes, and how. Called after the change, outside the
 * state's lock. A {@link StateListener}'s failure reaches the caller that made the change; a {@link
 * RefUpdateListener}'s is logged and the others still hear, as the ref has moved already.
 */
final class StateEvents {

  // Logged under EmulatorState, where listeners are registered.
  private static final Logger log = LoggerFactory.getLogger(EmulatorState.class);

  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private final List<RefUpdateListener> refListeners = new CopyOnWriteArrayList<>();

  void add(StateListener listener) {
    listeners.add(listener);
  }

  void add(RefUpdateListener listener) {
    refListeners.add(listener);
  }

  void repositoryCreated(Repository repository) {
    listeners.forEach(l -> l.repositoryCreated(repository));
  }

  void installationCreated(Installation installation) {
    listeners.forEach(l -> l.installationCreated(installation));
  }

  void installationSuspended(Installation installation, boolean suspended) {
    listeners.forEach(
        l -> {
          if (suspended) {
            l.installationSuspended(installation);
          } else {
            l.installationUnsuspended(installation);
          }
        });
  }

  void refUpdated(RefUpdate update) {
    for (RefUpdateListener listener : refListeners) {
      try {
        listener.refUpdated(update);
      } catch (RuntimeException e) {
        log.warn("a listener failed on {} of {}", update.ref(), update.repository().fullName(), e);
      }
    }
  }
}
