package io.github.ghapp.emulator.internal.state;

/**
 * Told about every ref that moved ({@link RefUpdate}), after it moved, outside any lock, on the
 * thread that moved it (a push's request thread, or the REST request's). Registered with {@link
 * EmulatorState#onRefUpdate}. A listener that throws is logged and does not stop the others, nor
 * fail the push: the ref has moved already.
 */
@FunctionalInterface
public interface RefUpdateListener {

  void refUpdated(RefUpdate update);
}
