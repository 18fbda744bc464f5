package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppBuilder;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;

/**
 * What the benchmarks share: an emulator in its demo state (app 1001, installation 42 on octo-org)
 * and both clients pointed at it, ghapp and hub4j's {@code org.kohsuke:github-api}, each set up the
 * way its documentation tells a user to.
 */
final class Fixtures {
  static final long APP_ID = 1001;
  static final long INSTALLATION_ID = 42;

  private Fixtures() {}

  /** A running emulator on a free port of 127.0.0.1; stop it in the benchmark's tear-down. */
  static GitHubEmulator startEmulator() {
    return GitHubEmulator.builder().demoState().build().start();
  }

  /**
   * ghapp's app, ready for {@code build()}; callers add a clock or a refresh executor when they
   * need one.
   */
  static GitHubAppBuilder ghapp(GitHubEmulator emu) {
    return GitHubApp.builder()
        .appId(APP_ID)
        .privateKey(emu.app(APP_ID).privateKeyPem())
        .baseUrl(emu.baseUrl());
  }

  /**
   * hub4j's installation token provider for installation 42, bound to a hub4j client of the
   * emulator.
   */
  static Hub4j hub4j(GitHubEmulator emu) {
    return hub4j(emu, jwt -> jwt);
  }

  /**
   * Like {@link #hub4j(GitHubEmulator)}, with hub4j's JWT provider wrapped by {@code jwtWrapper}:
   * the installation provider asks it for the JWT of every request of a refresh, so a wrapper can
   * tell when a refresh has begun.
   */
  static Hub4j hub4j(GitHubEmulator emu, UnaryOperator<AuthorizationProvider> jwtWrapper) {
    JWTTokenProvider jwt =
        new JWTTokenProvider(Long.toString(APP_ID), emu.app(APP_ID).privateKey());
    AppInstallationAuthorizationProvider tokens =
        new AppInstallationAuthorizationProvider(
            app -> app.getInstallationById(INSTALLATION_ID), jwtWrapper.apply(jwt));
    try {
      // Building the client binds the provider to it; the provider refreshes through that client.
      new GitHubBuilder()
          .withEndpoint(emu.baseUrl().toString())
          .withAuthorizationProvider(tokens)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("hub4j could not build a client of " + emu.baseUrl(), e);
    }
    return new Hub4j(tokens, jwt);
  }

  /**
   * hub4j's two providers. Both decide on {@code Instant.now()} with no clock to inject, so {@link
   * #expire()} moves their private {@code validUntil} into the past, which is what an hour passing
   * would do: the next call signs a new JWT and mints a new token, as after a real expiry.
   */
  record Hub4j(AppInstallationAuthorizationProvider tokens, JWTTokenProvider jwt) {
    private static final Field TOKEN_VALID_UNTIL =
        validUntil(AppInstallationAuthorizationProvider.class);
    private static final Field JWT_VALID_UNTIL = validUntil(JWTTokenProvider.class);

    /** The cached {@code Authorization} value, refreshing it first when due: hub4j's hot path. */
    String authorization() {
      try {
        return tokens.getEncodedAuthorization();
      } catch (IOException e) {
        throw new UncheckedIOException("hub4j could not get an installation token", e);
      }
    }

    void expire() {
      // hub4j reads the field under the provider's monitor; writing under it makes the change
      // visible.
      setUnderMonitor(tokens, TOKEN_VALID_UNTIL);
      setUnderMonitor(jwt, JWT_VALID_UNTIL);
    }

    private static void setUnderMonitor(Object provider, Field field) {
      synchronized (provider) {
        try {
          field.set(provider, Instant.MIN);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot expire hub4j's " + field, e);
        }
      }
    }

    private static Field validUntil(Class<?> type) {
      try {
        Field f = type.getDeclaredField("validUntil");
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(
            type.getName()
                + " has no validUntil field any more; this hub4j"
                + " version is not the one the benchmarks were written for",
            e);
      }
    }
  }
}
