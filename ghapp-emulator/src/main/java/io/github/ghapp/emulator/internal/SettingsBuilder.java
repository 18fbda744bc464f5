package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.internal.routes.UserRoute;
import io.github.ghapp.emulator.internal.routes.UserRouteList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The checks behind {@code GitHubEmulator.Builder}, which only documents and forwards: each value
 * is checked as it is given, each setting is taken once (a second call is refused with a message
 * naming it), and the state comes from one source at most. A setting is marked given only after its
 * value passed, so that a refused value can be corrected.
 */
public final class SettingsBuilder {

  private final Set<String> set = new HashSet<>();
  private StateSource state = StateSource.none();
  private String stateSetter;
  private int port;
  private boolean ghes;
  private boolean longTokens;
  private Path dataDirectory;
  private Clock clock = Clock.systemUTC();
  private boolean webhooksToAnyHost;
  private final UserRouteList routes = new UserRouteList();
  private boolean tls;

  public void stateFile(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("state file " + file.toAbsolutePath() + " does not exist");
    }
    setState(StateSource.file(file), "state(Path)");
  }

  public void stateYaml(String yaml) {
    setState(StateSource.text(Objects.requireNonNull(yaml, "yaml")), "stateYaml(String)");
  }

  public void stateJson(String json) {
    setState(StateSource.text(Objects.requireNonNull(json, "json")), "stateJson(String)");
  }

  public void demoState() {
    setState(StateSource.demo(), "demoState()");
  }

  public void port(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    once("port");
    this.port = port;
  }

  public void ghes(boolean ghes) {
    once("ghes");
    this.ghes = ghes;
  }

  public void longTokens(boolean longTokens) {
    once("longTokens");
    this.longTokens = longTokens;
  }

  public void dataDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    once("dataDirectory");
    this.dataDirectory = directory;
  }

  public void clock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    once("clock");
    this.clock = clock;
  }

  public void webhooksToAnyHost(boolean allowed) {
    once("webhooksToAnyHost");
    this.webhooksToAnyHost = allowed;
  }

  public void tls() {
    once("tls");
    this.tls = true;
  }

  /** Refuses the same method and path twice ({@link UserRouteList#add}). */
  public void route(UserRoute route) {
    routes.add(route);
  }

  /** The clock the emulator starts from; not a setting of the run, as it is moved at run time. */
  public Clock clock() {
    return clock;
  }

  public EmulatorSettings settings() {
    return new EmulatorSettings(
        state, port, ghes, longTokens, dataDirectory, webhooksToAnyHost, routes.routes(), tls);
  }

  private void once(String name) {
    if (!set.add(name)) {
      throw new IllegalStateException(name + " was already set; set it once");
    }
  }

  private void setState(StateSource source, String setter) {
    if (stateSetter != null) {
      throw new IllegalStateException(
          "the state was already set by "
              + stateSetter
              + "; call only one "
              + "of state(Path), stateYaml, stateJson or demoState()");
    }
    state = source;
    stateSetter = setter;
  }
}
