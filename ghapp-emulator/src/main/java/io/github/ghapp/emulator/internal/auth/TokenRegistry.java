package io.github.ghapp.emulator.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every installation token handed out, keyed by the SHA-256 of the token: the emulator never stores
 * a token itself, as GitHub does not. Expired tokens are dropped now and then on mint; a dropped
 * token and an expired one get the same 401, so the sweep is invisible.
 */
public final class TokenRegistry {

  private static final int SWEEP_EVERY = 512;

  private final Map<String, IssuedToken> byHash = new ConcurrentHashMap<>();
  private final AtomicInteger mintsSinceSweep = new AtomicInteger();
  private final LongTokenSigner longTokens;

  /**
   * @param longTokens null for the classic 40-character format
   */
  public TokenRegistry(LongTokenSigner longTokens) {
    this.longTokens = longTokens;
  }

  public MintedToken issue(IssuedToken details, Instant now) {
    String token = longTokens != null ? longTokens.sign(details) : TokenFormats.newClassicToken();
    byHash.put(hash(token), details);
    if (mintsSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      mintsSinceSweep.set(0);
      byHash.values().removeIf(t -> t.isExpiredAt(now));
    }
    return new MintedToken(token, details);
  }

  /** The token's details if it was issued and not revoked; expiry is the caller's check. */
  public Optional<IssuedToken> find(String token) {
    return Optional.ofNullable(byHash.get(hash(token)));
  }

  /** Revokes a token; true when it was known. */
  public boolean revoke(String token) {
    return byHash.remove(hash(token)) != null;
  }

  public int size() {
    return byHash.size();
  }

  /**
   * What the registry keys its tokens by: hex SHA-256 digests, never a token. For the tests that
   * say so.
   */
  Set<String> keys() {
    return Set.copyOf(byHash.keySet());
  }

  private static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
