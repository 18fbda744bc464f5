package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.StateLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where an emulator's apps, accounts, repositories and installations come from: a YAML or JSON
 * file, such text, the demo state, or nothing (an empty GitHub).
 */
public sealed interface StateSource {

  /** Loads the state; relative key files are resolved beside a file, else in the data directory. */
  void load(EmulatorState state, Path dataDirectory, Supplier<Instant> now);

  static StateSource none() {
    return new Empty();
  }

  static StateSource file(Path file) {
    return new FromFile(Objects.requireNonNull(file, "file"));
  }

  static StateSource text(String yamlOrJson) {
    return new FromText(Objects.requireNonNull(yamlOrJson, "text"));
  }

  static StateSource demo() {
    return new Demo();
  }

  /** No state: an empty GitHub, filled at run time. */
  record Empty() implements StateSource {
    @Override
    public void load(EmulatorState state, Path dataDirectory, Supplier<Instant> now) {}
  }

  record FromFile(Path file) implements StateSource {
    @Override
    public void load(EmulatorState state, Path dataDirectory, Supplier<Instant> now) {
      Path absolute = file.toAbsolutePath();
      new StateLoader(state, absolute.getParent(), now).loadFile(absolute);
    }
  }

  record FromText(String text) implements StateSource {
    @Override
    public void load(EmulatorState state, Path dataDirectory, Supplier<Instant> now) {
      new StateLoader(state, dataDirectory, now).loadText(text);
    }

    @Override
    public String toString() {
      return "FromText[" + text.length() + " characters]";
    }
  }

  /** The demo state, with the JVM's shared demo key written into the data directory first. */
  record Demo() implements StateSource {
    @Override
    public void load(EmulatorState state, Path dataDirectory, Supplier<Instant> now) {
      new StateLoader(state, dataDirectory, now).loadText(DemoState.prepare(dataDirectory));
    }
  }
}
