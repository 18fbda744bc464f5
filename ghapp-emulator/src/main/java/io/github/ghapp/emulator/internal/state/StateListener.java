package io.github.ghapp.emulator.internal.state;

/**
 * Told about changes to {@link EmulatorState} after they happen, outside any lock, on the thread
 * that made the change. Webhook delivery hooks in here (an installation created, an issue opened
 * elsewhere). Every method has a no-op default so that a listener implements only what it needs.
 */
public interface StateListener {

  default void installationCreated(Installation installation) {}

  default void installationSuspended(Installation installation) {}

  default void installationUnsuspended(Installation installation) {}

  default void repositoryCreated(Repository repository) {}
}
