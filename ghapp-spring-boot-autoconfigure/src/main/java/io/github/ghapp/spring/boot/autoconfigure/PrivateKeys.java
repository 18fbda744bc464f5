package io.github.ghapp.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the value of {@code ghapp.private-key} into PEM text for {@code GitHubAppBuilder}: the PEM
 * itself, its base64 (one line, as secret stores and CI variables like it), or a resource location.
 * The value is never put into a message: only which form was recognised, and the location.
 */
final class PrivateKeys {
  static final String ACTION =
      "Set %s to the app's private key as GitHub downloads it (app settings, \"Private keys\"):"
          + " PEM text, the base64 of the PEM file, or a location such as"
          + " file:/run/secrets/app.private-key.pem or classpath:app.pem.";

  private static final String PEM_START = "-----BEGIN";
  // A URL scheme or Spring prefix (file:, classpath:, https:); PEM and base64 never contain ':'.
  private static final Pattern LOCATION = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:\\S+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final int MAX_KEY_FILE_BYTES = 64 * 1024;

  private PrivateKeys() {}

  static String pem(String property, String value, ResourceLoader resources) {
    String v = value.strip();
    if (v.contains(PEM_START)) {
      return v;
    }
    if (LOCATION.matcher(v).matches()) {
      return fromResource(property, v, resources);
    }
    String decoded = base64(v);
    if (decoded != null && decoded.contains(PEM_START)) {
      return decoded;
    }
    throw new GitHubAppConfigurationException(
        property
            + " is neither PEM text (-----BEGIN ...), the base64 of a PEM file, nor a resource"
            + " location (file:..., classpath:...)",
        String.format(ACTION, property));
  }

  private static String fromResource(String property, String location, ResourceLoader resources) {
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      throw new GitHubAppConfigurationException(
          property + " names " + location + ", which does not exist",
          "Correct the location, or put the app's private key there; "
              + String.format(ACTION, property));
    }
    byte[] bytes;
    try (InputStream in = resource.getInputStream()) {
      bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new GitHubAppConfigurationException(
          property + " names " + location + ", which cannot be read: " + e.getMessage(),
          "Make the file readable by this service's user.",
          e);
    }
    if (bytes.length > MAX_KEY_FILE_BYTES) {
      throw new GitHubAppConfigurationException(
          property + " names " + location + ", which is larger than any private key (64 KiB)",
          String.format(ACTION, property));
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.contains(PEM_START)) {
      return text;
    }
    String decoded = base64(text);
    if (decoded != null && decoded.contains(PEM_START)) {
      return decoded;
    }
    throw new GitHubAppConfigurationException(
        property + " names " + location + ", which holds no PEM private key (-----BEGIN ...)",
        String.format(ACTION, property));
  }

  /** The text a base64 value decodes to, or null when it is not base64. */
  private static String base64(String value) {
    try {
      byte[] bytes = Base64.getDecoder().decode(WHITESPACE.matcher(value).replaceAll(""));
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
