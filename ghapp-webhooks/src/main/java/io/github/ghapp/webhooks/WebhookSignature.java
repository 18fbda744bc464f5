package io.github.ghapp.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks GitHub's {@code X-Hub-Signature-256} header: {@code sha256=} followed by the lowercase hex
 * HMAC-SHA256 of the raw request body, keyed with the webhook secret.
 *
 * <p>Verification works on the bytes exactly as received, before anything parses them:
 * re-serialising a parsed payload would change whitespace or key order and break the signature, and
 * parsing untrusted input first would let anyone on the internet feed the JSON parser. Several
 * secrets may be configured so that a secret can be rotated without dropping deliveries: set the
 * new one next to the old, change it at GitHub, then remove the old one. Every secret is always
 * tried and the digests are compared with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about how close a forged signature came, nor which secret matched.
 *
 * <p>Instances are immutable and safe to share between threads. {@link #toString()} never shows a
 * secret.
 *
 * <pre>{@code
 * WebhookSignature signature = WebhookSignature.of(List.of(newSecret, oldSecret));
 * if (!signature.verify(rawBody, request.getHeader("X-Hub-Signature-256"))) {
 *   // answer 401 and stop
 * }
 * }</pre>
 */
public final class WebhookSignature {
  /** The prefix GitHub puts before the hex digest. */
  public static final String PREFIX = "sha256=";

  private static final String ALGORITHM = "HmacSHA256";
  private static final int DIGEST_BYTES = 32;

  // One initialised Mac per secret; each verification clones it, which is far cheaper than
  // Mac.getInstance + init and keeps this class free of ThreadLocals (which leak in app servers).
  private final List<Key> keys;

  private WebhookSignature(List<Key> keys) {
    this.keys = keys;
  }

  /**
   * A verifier accepting signatures made with any of {@code secrets} (UTF-8, as GitHub uses them).
   *
   * @throws IllegalArgumentException when no secret is given, or one is null or empty
   */
  public static WebhookSignature of(Collection<String> secrets) {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException(
          "at least one webhook secret is needed: set the same secret"
              + " here as in the GitHub App's settings (Webhook secret)");
    }
    List<Key> keys = new ArrayList<>(secrets.size());
    for (String secret : secrets) {
      byte[] key = checked(secret);
      keys.add(new Key(key, newMac(key)));
    }
    return new WebhookSignature(List.copyOf(keys));
  }

  /** Like {@link #of(Collection)} for one or more secrets. */
  public static WebhookSignature of(String secret, String... moreSecrets) {
    List<String> all = new ArrayList<>(1 + moreSecrets.length);
    all.add(secret);
    all.addAll(List.of(moreSecrets));
    return of(all);
  }

  /**
   * The header value GitHub would send for {@code body} signed with {@code secret}: {@code
   * sha256=<hex>}. Useful to test a receiver, or to deliver webhooks yourself.
   */
  public static String sign(String secret, byte[] body) {
    Mac mac = newMac(checked(secret));
    return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
  }

  /**
   * True when {@code header} is a well-formed {@code sha256=} signature of {@code body} under one
   * of the secrets. A missing or malformed header is simply not a match.
   */
  public boolean verify(byte[] body, String header) {
    return verify(body, 0, body.length, header);
  }

  /**
   * Like {@link #verify(byte[], String)} over {@code length} bytes of {@code body} from {@code
   * offset}.
   */
  public boolean verify(byte[] body, int offset, int length, String header) {
    byte[] expected = decode(header);
    if (expected == null) {
      return false;
    }
    boolean matched = false;
    for (Key key : keys) {
      Mac mac = key.mac();
      mac.update(body, offset, length);
      // No short-circuit: every secret costs the same whether an earlier one matched or not.
      matched |= MessageDigest.isEqual(mac.doFinal(), expected);
    }
    return matched;
  }

  /** How many secrets are accepted; never the secrets themselves. */
  @Override
  public String toString() {
    return "WebhookSignature{secrets=" + keys.size() + " <redacted>}";
  }

  /**
   * The 32 digest bytes of a {@code sha256=<64 hex>} header, or null when it is not of that form.
   */
  private static byte[] decode(String header) {
    if (header == null
        || header.length() != PREFIX.length() + 2 * DIGEST_BYTES
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(header, PREFIX.length(), header.length());
    } catch (IllegalArgumentException notHex) {
      return null;
    }
  }

  private static byte[] checked(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "a webhook secret must not be null or empty: GitHub signs"
              + " deliveries only when the App has a webhook secret, and an unsigned receiver would accept"
              + " anything from anyone");
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
    }
  }

  /** A secret and a Mac initialised with it; the array never leaves this class. */
  private record Key(byte[] secret, Mac prototype) {
    Mac mac() {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        // Some providers (HSM-backed ones) cannot clone; a fresh instance is slower but correct.
        return newMac(secret);
      }
    }

    @Override
    public String toString() {
      return "Key{<redacted>}";
    }
  }
}
