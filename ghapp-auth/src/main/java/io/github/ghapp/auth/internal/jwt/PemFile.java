package io.github.ghapp.auth.internal.jwt;

import io.github.ghapp.auth.PrivateKeyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;

/**
 * Reads a key file for {@link PemKeys}: says plainly what is wrong with a path that is no usable
 * file (missing, a directory, unreadable, too large, binary DER, or the PEM text itself given as a
 * path) before the text is parsed. Messages name the path, never the file's content.
 */
final class PemFile {
  /** A PEM key is 2 to 4 KB; whatever is much larger is not one (or is endless, as /dev/zero). */
  static final int MAX_FILE_SIZE = 64 << 10;

  private PemFile() {}

  /** Reads the key in the PEM file at {@code file}. */
  static RSAPrivateKey read(Path file) {
    String asText = file.toString();
    if (asText.contains("-----BEGIN") || asText.contains("\n")) {
      // Never echo it: this "path" is most likely the key itself.
      throw new PrivateKeyException(
          "The private key's file path is PEM text instead of a file path: give"
              + " the path of the app's .pem file, or pass the PEM text itself as the key (in Java,"
              + " privateKey(String))");
    }
    if (Base64Keys.looksLikeKey(asText)) {
      // Never echo it either: long base64 is key material, not a name anyone gives a file.
      throw new PrivateKeyException(
          "The private key's file path is "
              + asText.strip().length()
              + " characters of base64, most likely the key itself: give the path of the app's"
              + " .pem file, or pass the text as the key (in Java, privateKey(String), which reads"
              + " a base64-encoded PEM or DER key)");
    }
    Path absolute = file.toAbsolutePath();
    String source = "private key file " + absolute;
    if (!Files.exists(absolute)) {
      String where =
          file.isAbsolute()
              ? ""
              : " (relative paths resolve against the working directory "
                  + Path.of("").toAbsolutePath()
                  + ")";
      throw new PrivateKeyException(
          "The "
              + source
              + " does not exist"
              + where
              + ". Pass the path of the app's .pem key file. "
              + PemKeys.GET_A_KEY);
    }
    if (Files.isDirectory(absolute)) {
      throw new PrivateKeyException("The " + source + " is a directory; pass the .pem file itself");
    }
    if (!Files.isRegularFile(absolute)) {
      // A device, FIFO or socket: reading one may never end (/dev/zero, a FIFO without a writer).
      throw new PrivateKeyException(
          "The "
              + source
              + " is not a regular file (a device, FIFO or socket); pass the app's .pem file"
              + " itself, or '-' to give the key on standard input");
    }
    if (!Files.isReadable(absolute)) {
      throw new PrivateKeyException(
          "The "
              + source
              + " cannot be read by this process; check its owner"
              + " and permissions (e.g. chmod 600 for the user running the app)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(absolute)) {
      // Bounded whatever size() says: it can change, and is 0 for files the kernel makes up.
      bytes = in.readNBytes(MAX_FILE_SIZE + 1);
    } catch (IOException e) {
      throw new PrivateKeyException(
          "The " + source + " could not be read: " + e.getClass().getSimpleName(), e);
    }
    if (bytes.length > MAX_FILE_SIZE) {
      throw new PrivateKeyException(
          "The "
              + source
              + " is larger than 64 KiB, far too large for a private key; check that the path"
              + " names the app's .pem file");
    }
    if (bytes.length > 0 && bytes[0] == 0x30 && !isText(bytes)) {
      throw new PrivateKeyException(
          "The "
              + source
              + " is binary (DER), not PEM. Convert it with"
              + " `openssl rsa -inform DER -in key.der -out key.pem`, or use the .pem file GitHub downloaded");
    }
    return PemKeys.parse(new String(bytes, StandardCharsets.UTF_8), source);
  }

  private static boolean isText(byte[] bytes) {
    int n = Math.min(bytes.length, 256);
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b < 0x09 || (b > 0x0d && b < 0x20)) {
        return false;
      }
    }
    return true;
  }
}
