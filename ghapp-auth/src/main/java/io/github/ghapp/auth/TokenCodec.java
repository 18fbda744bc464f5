package io.github.ghapp.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an {@link InstallationToken} into bytes fit to keep outside the process, and back: for
 * whoever writes a {@link TokenStore} on Redis, a database or files. The bytes are sealed with
 * AES-GCM under a key of yours, so that a dump, a backup or a replica of the store gives away no
 * token, and the {@link TokenKey}'s {@linkplain TokenKey#id() id} is bound in as associated data,
 * so that a value copied under another key's name does not open.
 *
 * <p>{@link #open} never throws on bad bytes: another key, another id, tampering, truncation or a
 * format it does not know all come back empty, which a store treats as "no token" (the provider
 * then mints one). Nothing secret appears in a message or in {@link #toString()}. A codec is
 * immutable and safe to share between threads.
 *
 * <pre>{@code
 * final class RedisTokenStore implements TokenStore {
 *   // 32 random bytes, the same in every process: openssl rand -base64 32
 *   private final TokenCodec codec =
 *       TokenCodec.of(Base64.getDecoder().decode(System.getenv("GHAPP_STORE_KEY")));
 *
 *   public InstallationToken get(TokenKey key) {
 *     byte[] value = redis.get(("ghapp:" + key.id()).getBytes(UTF_8));
 *     return value == null ? null : codec.open(key, value).orElse(null);
 *   }
 *
 *   public void put(TokenKey key, InstallationToken token) {
 *     redis.setex(("ghapp:" + key.id()).getBytes(UTF_8), 3600, codec.seal(key, token));
 *   }
 *   // remove and mintLocked: see TokenStore
 * }
 * }</pre>
 *
 * <p>The layout (format 1): one format byte ({@code 1}), a random 12-byte IV, then the AES-GCM
 * ciphertext with its 128-bit tag, under the key id's UTF-8 bytes as associated data. The plain
 * text is, in {@link DataOutputStream} encoding: the base URL, the token, {@code expiresAt} in
 * epoch seconds (GitHub gives no finer time), the repository selection ({@code ""} for none), the
 * permission count and each name and level, the repository count and each id, owner, name and
 * privacy. It carries the base URL so that a store can tell, from the value alone, which GitHub a
 * token is for (ghapp's CLI lists its cached tokens that way to revoke them).
 */
public final class TokenCodec {
  private static final byte FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private TokenCodec(SecretKey key) {
    this.key = key;
  }

  /**
   * A codec sealing under {@code key}, an AES-128 or AES-256 key (from a {@code KeyGenerator}, a
   * key store, or a KMS provider whose keys never leave it).
   *
   * @throws IllegalArgumentException when it is not an AES key of 16 or 32 bytes
   */
  public static TokenCodec of(SecretKey key) {
    Objects.requireNonNull(key, "key");
    if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "the token codec needs an AES key, got one for " + key.getAlgorithm());
    }
    byte[] encoded = key.getEncoded(); // null for a key that never leaves its hardware: fine
    if (encoded != null) {
      checkLength(encoded.length);
    }
    return new TokenCodec(key);
  }

  /**
   * A codec sealing under the AES key made of {@code key}'s 16 or 32 bytes (AES-128 or AES-256).
   * The bytes are copied.
   *
   * @throws IllegalArgumentException when {@code key} is not 16 or 32 bytes long
   */
  public static TokenCodec of(byte[] key) {
    Objects.requireNonNull(key, "key");
    checkLength(key.length);
    return new TokenCodec(new SecretKeySpec(key, "AES"));
  }

  /**
   * Seals {@code token} for {@code tokenKey}: only {@link #open} with the same AES key and the same
   * key id opens it. Each call uses a fresh random IV, so sealing one token twice gives different
   * bytes.
   *
   * @throws IllegalArgumentException when a field is too long for the layout (over 65,535 bytes)
   */
  public byte[] seal(TokenKey tokenKey, InstallationToken token) {
    Objects.requireNonNull(tokenKey, "tokenKey");
    Objects.requireNonNull(token, "token");
    byte[] plain = serialize(tokenKey.baseUrl(), token);
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] sealed;
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(tokenKey.id().getBytes(StandardCharsets.UTF_8));
      sealed = cipher.doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "AES-GCM sealing failed (" + e.getClass().getSimpleName() + ")", e);
    }
    byte[] out = new byte[1 + IV_BYTES + sealed.length];
    out[0] = FORMAT;
    System.arraycopy(iv, 0, out, 1, IV_BYTES);
    System.arraycopy(sealed, 0, out, 1 + IV_BYTES, sealed.length);
    return out;
  }

  /**
   * The token sealed in {@code sealed} for {@code tokenKey}, or empty when it is not one: null or
   * empty input, another AES key, another key's value, tampered, truncated, or another format.
   */
  public Optional<InstallationToken> open(TokenKey tokenKey, byte[] sealed) {
    Objects.requireNonNull(tokenKey, "tokenKey");
    return open(tokenKey.id(), sealed).map(Opened::token);
  }

  /**
   * Like {@link #open(TokenKey, byte[])} for a store that knows only the {@linkplain TokenKey#id()
   * key id} a value is kept under (when listing its entries, say), with the base URL it was sealed
   * for.
   */
  public Optional<Opened> open(String keyId, byte[] sealed) {
    Objects.requireNonNull(keyId, "keyId");
    if (sealed == null || sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      return Optional.empty();
    }
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
      return Optional.of(deserialize(plain));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      // Another key, another id, or changed bytes (the tag does not match), or a layout this
      // version does not read: not a token for us, which is no error in a cache.
      return Optional.empty();
    }
  }

  /** Shows nothing of the key. */
  @Override
  public String toString() {
    return "TokenCodec{AES-GCM, format " + FORMAT + "}";
  }

  /**
   * What a sealed value holds.
   *
   * @param baseUrl the REST base URL of the {@link TokenKey} it was sealed for
   * @param token the token, its secret included
   */
  public record Opened(String baseUrl, InstallationToken token) {
    public Opened {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(token, "token");
    }
  }

  private static void checkLength(int length) {
    if (length != 16 && length != 32) {
      throw new IllegalArgumentException(
          "the token codec needs an AES-128 or AES-256 key of 16 or 32 bytes, got "
              + length
              + " bytes");
    }
  }

  // A plain binary layout rather than JSON: opening a token needs no JSON library, which keeps a
  // cached token's read path (the CLI's warm start) from loading one.
  private static byte[] serialize(String baseUrl, InstallationToken token) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + token.token().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(baseUrl);
      out.writeUTF(token.token());
      out.writeLong(token.expiresAt().getEpochSecond());
      out.writeUTF(token.repositorySelection() == null ? "" : token.repositorySelection());
      out.writeInt(token.permissions().size());
      for (Map.Entry<String, String> p : token.permissions().entrySet()) {
        out.writeUTF(p.getKey());
        out.writeUTF(p.getValue());
      }
      out.writeInt(token.repositories().size());
      for (Repository r : token.repositories()) {
        out.writeLong(r.id());
        out.writeUTF(r.owner());
        out.writeUTF(r.name());
        out.writeBoolean(r.isPrivate());
      }
    } catch (UTFDataFormatException e) {
      throw new IllegalArgumentException(
          "a field of the token is over the 65,535 bytes the token codec can hold", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  private static Opened deserialize(byte[] plain) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
    String baseUrl = in.readUTF();
    String token = in.readUTF();
    Instant expiresAt = Instant.ofEpochSecond(in.readLong());
    String selection = in.readUTF();
    Map<String, String> permissions = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      permissions.put(in.readUTF(), in.readUTF());
    }
    List<Repository> repositories = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      repositories.add(new Repository(in.readLong(), in.readUTF(), in.readUTF(), in.readBoolean()));
    }
    if (in.available() != 0) {
      throw new IOException("trailing bytes");
    }
    return new Opened(
        baseUrl,
        new InstallationToken(
            token, expiresAt, permissions, selection.isEmpty() ? null : selection, repositories));
  }
}
