package io.github.ghapp.auth;

import io.github.ghapp.emulator.EmulatedToken;
import io.github.ghapp.emulator.GitHubEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Checks every installation token the library hands out during the fault soak against what the
 * emulator itself knows of it ({@link GitHubEmulator#token}): not wider than the caller asked (its
 * installation, repositories and permissions), and not past its expiry on GitHub's clock when the
 * call began. Tokens reach it two ways: from {@link TokenProvider} calls, and from the {@code
 * Authorization} header of every request the library sends for a caller ({@link #transport}), each
 * judged against the {@link Expectation} of the call running on that thread.
 *
 * <p>Expiry is judged only where the library could know GitHub's time: when the clock offset has
 * not changed since the call began and the library's learned offset is within its own tolerance of
 * it. A token handed out just after GitHub's clock jumped (an injected skew the library has not
 * seen an answer of yet) is counted apart; no client can know of such a jump before it hears from
 * GitHub.
 */
final class SoakJudge {

  /** What a caller asked for, and GitHub's time and clock offset when its call began. */
  record Expectation(
      SoakWorld.Target target, Instant githubNow, long skewGeneration, boolean skewKnown) {}

  /** The library learns GitHub's clock only past this difference (AppJwts.SIGNIFICANT_SKEW). */
  private static final Duration SKEW_TOLERANCE = Duration.ofSeconds(30);

  private final GitHubEmulator emu;
  private final SoakFigures figures;
  private final SoakFaults faults;
  private final ConcurrentMap<String, EmulatedToken> seen = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Expectation> current = new ThreadLocal<>();
  private volatile GitHubApp app;

  SoakJudge(GitHubEmulator emu, SoakFigures figures, SoakFaults faults) {
    this.emu = emu;
    this.figures = figures;
    this.faults = faults;
  }

  void app(GitHubApp app) {
    this.app = app;
  }

  /** Sends through {@code inner}, judging each installation token a caller's request carries. */
  HttpTransport transport(HttpTransport inner) {
    return request -> {
      Expectation expected = current.get();
      String authorization = request.headers().firstValue("Authorization").orElse("");
      if (expected != null && authorization.startsWith("Bearer ghs_")) {
        judge(authorization.substring("Bearer ".length()), expected);
      }
      return inner.send(request);
    };
  }

  /** Notes what the call on this thread asks for, before it starts. */
  void begin(SoakWorld.Target target) {
    long generation = faults.skewGeneration();
    Duration actual = faults.clockOffset();
    boolean known =
        generation % 2 == 0 && app.clockOffset().minus(actual).abs().compareTo(SKEW_TOLERANCE) < 0;
    current.set(new Expectation(target, emu.now(), generation, known));
  }

  void end() {
    current.remove();
  }

  /** Judges a token handed to the call on this thread. */
  void judge(String token) {
    Expectation expected = current.get();
    if (expected != null) {
      judge(token, expected);
    }
  }

  /** A token this soak revoked itself: from now on it is expected to be unknown to the emulator. */
  void revoked(String token) {
    revoked.add(token);
  }

  /** A token handed out during the run, for the fault driver to revoke while it is in use. */
  String anySeen(java.util.Random random) {
    List<String> tokens = List.copyOf(seen.keySet());
    return tokens.isEmpty() ? null : tokens.get(random.nextInt(tokens.size()));
  }

  private void judge(String token, Expectation expected) {
    figures.tokensChecked.increment();
    EmulatedToken known = seen.get(token);
    if (known == null) {
      known = emu.token(token).orElse(null);
      if (known == null) {
        if (revoked.contains(token)) {
          figures.revokedHandedOut.increment();
        } else {
          figures.finding(
              figures.unknownTokens,
              "token unknown to GitHub",
              expected.target().describe() + ": a token the emulator never issued or had dropped");
        }
        return;
      }
      seen.putIfAbsent(token, known);
    }
    if (revoked.contains(token)) {
      figures.revokedHandedOut.increment();
    }
    String wider = widerThanAsked(known, expected.target());
    if (wider != null) {
      figures.finding(figures.wider, "wider token", expected.target().describe() + ": " + wider);
    }
    if (known.isExpiredAt(expected.githubNow())) {
      boolean knowable =
          expected.skewKnown() && faults.skewGeneration() == expected.skewGeneration();
      if (knowable) {
        figures.finding(
            figures.pastExpiry,
            "token past expiry",
            expected.target().describe()
                + ": expired "
                + known.expiresAt()
                + ", GitHub's time at the call "
                + expected.githubNow()
                + "; GitHub's clock offset "
                + faults.clockOffset()
                + ", the library's "
                + app.clockOffset());
      } else {
        figures.pastExpiryUnseenSkew.increment();
      }
    }
  }

  /** What makes {@code token} wider than {@code target} asked, or null. */
  static String widerThanAsked(EmulatedToken token, SoakWorld.Target target) {
    if (token.installationId() != target.installationId()) {
      return "a token of installation " + token.installationId();
    }
    TokenRequest asked = target.request();
    if (!asked.repositories().isEmpty()) {
      Set<String> allowed =
          asked.repositories().stream()
              .map(name -> target.owner() + "/" + name)
              .collect(Collectors.toSet());
      if (!token.narrowed() || !allowed.containsAll(token.repositories())) {
        return "repositories " + (token.narrowed() ? token.repositories() : "all");
      }
    }
    if (!asked.permissions().isEmpty()) {
      for (Map.Entry<String, String> granted : token.permissions().entrySet()) {
        String level = asked.permissions().get(granted.getKey());
        boolean implied = granted.getKey().equals("metadata") && granted.getValue().equals("read");
        if (!implied && (level == null || rank(granted.getValue()) > rank(level))) {
          return "permission " + granted.getKey() + ": " + granted.getValue();
        }
      }
    }
    return null;
  }

  private static int rank(String level) {
    return switch (level) {
      case "read" -> 1;
      case "write" -> 2;
      default -> 3;
    };
  }
}
