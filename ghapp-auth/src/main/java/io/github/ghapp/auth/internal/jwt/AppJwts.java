package io.github.ghapp.auth.internal.jwt;

import io.github.ghapp.auth.JwtSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's JWTs: signs them, reuses one until shortly before it expires, moves to the next key
 * when GitHub cannot decode one, and keeps GitHub's time: a {@link SkewClock} over the configured
 * clock, which the rest of the app reads as {@link #clock()} and only this class corrects.
 *
 * <p>Reading the current JWT is a volatile read and a time comparison; no lock is taken. When two
 * threads find it stale at once both sign, and one result wins: a wasted signature is cheaper than
 * a lock on every call.
 */
public final class AppJwts {
  private static final Logger log = LoggerFactory.getLogger(AppJwts.class);

  /** GitHub asks for iat to be backdated 60 s against clock drift. */
  static final Duration BACKDATE = Duration.ofSeconds(60);

  /**
   * GitHub refuses exp more than 10 minutes after its now; one minute under that absorbs residual
   * skew.
   */
  static final Duration LIFETIME = Duration.ofMinutes(9);

  /** Re-sign when less than this is left, so a JWT never expires in flight, retries included. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

  /**
   * Offsets smaller than this are noise (Date has one-second resolution, plus latency); ignore
   * them.
   */
  static final Duration SIGNIFICANT_SKEW = Duration.ofSeconds(30);

  private static final String HEADER = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");

  private final String issuerJson;
  private final List<JwtSigner> signers;
  private final SkewClock clock;
  private final AtomicInteger active = new AtomicInteger();
  private volatile Signed current;

  /** When the request whose answer taught the current offset was sent; guarded by this. */
  private Instant taughtBy;

  /**
   * @param issuerJson the {@code iss} claim as JSON: a quoted client ID or a bare app ID
   * @param signers the keys, tried in order when GitHub cannot decode a JWT
   * @param localClock the configured clock, which GitHub's offset is added to
   */
  public AppJwts(String issuerJson, List<JwtSigner> signers, Clock localClock) {
    this.issuerJson = Objects.requireNonNull(issuerJson, "issuerJson");
    this.signers = List.copyOf(signers);
    if (this.signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer is needed");
    }
    this.clock = new SkewClock(localClock);
  }

  /**
   * GitHub's time as this app knows it: the configured clock plus the offset learned from GitHub's
   * {@code Date} headers. JWT claims, token expiry and rate-limit resets are judged on it.
   */
  public Clock clock() {
    return clock;
  }

  /**
   * A JWT valid for at least {@link #RENEW_BEFORE} more, by GitHub's clock as best known. One
   * signed on another offset is never reused: a thread that read the old offset may store its JWT
   * after a correction cleared {@link #current}, and GitHub would refuse it until it expired.
   */
  public Signed current() {
    Signed s = current;
    Duration offset = clock.offset();
    Instant now = clock.base().instant().plus(offset);
    if (s != null
        && s.signer == active.get()
        && s.offset.equals(offset)
        && now.isBefore(s.renewAt)) {
      return s;
    }
    return sign(now, offset);
  }

  private Signed sign(Instant now, Duration offset) {
    int signer = active.get();
    long iat = now.minus(BACKDATE).getEpochSecond();
    Instant exp = now.plus(LIFETIME);
    String payload =
        base64Url(
            "{\"iat\":"
                + iat
                + ",\"exp\":"
                + exp.getEpochSecond()
                + ",\"iss\":"
                + issuerJson
                + "}");
    String content = HEADER + "." + payload;
    byte[] signature = signers.get(signer).sign(content.getBytes(StandardCharsets.US_ASCII));
    Signed s =
        new Signed(
            content + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature),
            signer,
            offset,
            exp.minus(RENEW_BEFORE));
    current = s;
    return s;
  }

  /** How many keys there are to try. */
  public int keyCount() {
    return signers.size();
  }

  /** Describes each key (fingerprints), for error messages. */
  public List<String> describeKeys() {
    return signers.stream().map(JwtSigner::describe).toList();
  }

  /** Describes the key the next JWT is signed with. */
  public String describeActiveKey() {
    return signers.get(active.get()).describe();
  }

  /**
   * GitHub could not decode a JWT signed with key {@code failed}: sign the next ones with the
   * following key. When several callers report the same failure only the first moves on, so no key
   * is skipped.
   */
  public void rotateFrom(int failed) {
    int next = (failed + 1) % signers.size();
    if (active.compareAndSet(failed, next) && next != failed) {
      log.warn(
          "GitHub could not decode a JWT signed with {}; trying {}",
          signers.get(failed).describe(),
          signers.get(next).describe());
    }
  }

  /**
   * Learns GitHub's clock from the {@code Date} of an answer that arrived just now, as if it had
   * been sent just now too; see {@link #learnServerTime(Instant, Instant, boolean)}.
   */
  public boolean learnServerTime(Instant serverNow, boolean force) {
    return learnServerTime(serverNow, clock.base().instant(), force);
  }

  /**
   * Learns GitHub's clock from the {@code Date} of an answer to a request sent at {@code sent} (on
   * the local clock, {@link #localNow()}): always when {@code force} (GitHub refused the JWT's time
   * claims), otherwise only when it differs noticeably from what is known.
   *
   * <p>GitHub wrote {@code Date} (whole seconds) at some moment between the send and now, so the
   * answer only says that the offset lies between {@code Date - now} and {@code Date + 1 s - sent}.
   * An offset already in that range is kept, and one outside it is moved to the nearer end: an
   * answer that was long on its way (or a local clock step while it was) teaches nothing wrong. An
   * answer to a request sent before the one that taught the current offset teaches nothing at all:
   * after GitHub's clock changed, answers written before the change still arrive for a while.
   *
   * @return whether the offset changed
   */
  public synchronized boolean learnServerTime(Instant serverNow, Instant sent, boolean force) {
    if (taughtBy != null && sent.isBefore(taughtBy)) {
      return false;
    }
    Instant received = clock.base().instant();
    Duration known = clock.offset();
    Duration lowest = Duration.between(received, serverNow);
    Duration highest = Duration.between(sent, serverNow).plusSeconds(1);
    // Outside the range, the nearer end, without the fraction of a second Date drops: with an
    // answer sent and received at once, both are the offset Date says.
    Duration learned =
        known.compareTo(lowest) < 0
            ? lowest
            : known.compareTo(highest) > 0 ? Duration.between(sent, serverNow) : known;
    if (force && learned.equals(known)) {
      learned = lowest; // refused although the known offset fits: trust the answer's own moment
    }
    Duration change = learned.minus(known).abs();
    if (change.isZero() || (!force && change.compareTo(SIGNIFICANT_SKEW) < 0)) {
      return false;
    }
    log.info(
        "GitHub's clock is {} {} the local clock; correcting JWTs and token expiry by that",
        learned.abs(),
        learned.isNegative() ? "behind" : "ahead of");
    clock.offset(learned);
    taughtBy = sent;
    current = null;
    return true;
  }

  /** The local (configured) clock's now, uncorrected: when a request is sent, for learning. */
  public Instant localNow() {
    return clock.base().instant();
  }

  /** The offset currently applied. */
  public Duration offset() {
    return clock.offset();
  }

  /** One signed JWT and when to stop reusing it. Its toString never shows the JWT. */
  public static final class Signed {
    private final String jwt;
    private final int signer;
    private final Duration offset;
    private final Instant renewAt;

    Signed(String jwt, int signer, Duration offset, Instant renewAt) {
      this.jwt = jwt;
      this.signer = signer;
      this.offset = offset;
      this.renewAt = renewAt;
    }

    public String jwt() {
      return jwt;
    }

    /** Index of the key that signed it. */
    public int signer() {
      return signer;
    }

    @Override
    public String toString() {
      return "Signed{jwt=<redacted>, signer=" + signer + ", renewAt=" + renewAt + "}";
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
