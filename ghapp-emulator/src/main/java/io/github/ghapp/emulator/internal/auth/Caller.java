package io.github.ghapp.emulator.internal.auth;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.Installation;
import java.util.Objects;

/**
 * Who is calling, once the {@code Authorization} header has been checked. Routes switch on the
 * three kinds; a refused credential never becomes a Caller (it is answered with an error right
 * away).
 */
public sealed interface Caller
    permits Caller.Anonymous, Caller.AppCaller, Caller.InstallationCaller {

  CredentialKind kind();

  /** No credential. */
  record Anonymous() implements Caller {
    @Override
    public CredentialKind kind() {
      return CredentialKind.NONE;
    }
  }

  /** An app, by a valid JWT. */
  record AppCaller(App app) implements Caller {
    public AppCaller {
      Objects.requireNonNull(app, "app");
    }

    @Override
    public CredentialKind kind() {
      return CredentialKind.JWT;
    }
  }

  /**
   * An installation, by one of its valid tokens.
   *
   * @param kind {@link CredentialKind#INSTALLATION_TOKEN} or {@link CredentialKind#BASIC}
   */
  record InstallationCaller(
      IssuedToken token, Installation installation, String secret, CredentialKind kind)
      implements Caller {
    public InstallationCaller {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(installation, "installation");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "InstallationCaller[installation="
          + installation.id()
          + ", kind="
          + kind
          + ", token=***]";
    }
  }
}
