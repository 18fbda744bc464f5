package io.github.ghapp.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.webhooks.WebhookListener.Refusal;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a verified body into its JSON payload. GitHub sends either the JSON itself ({@code
 * application/json}) or a form with one field, {@code payload=<url-encoded JSON>} ({@code
 * application/x-www-form-urlencoded}, the default content type of a new webhook).
 */
final class Payloads {
  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";

  private final ObjectMapper mapper;

  /**
   * @param maxPayloadBytes the receiver's size limit; no string inside a payload can be longer
   */
  Payloads(int maxPayloadBytes) {
    // Jackson refuses strings over 20 MB by default, which a legitimate 25 MB payload (a large diff
    // in a push, say) can hold: let its limit follow the receiver's.
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(
                        Math.max(maxPayloadBytes, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /**
   * @throws Rejected 415 for any other content type, 400 for a body that is not one JSON object
   */
  ObjectNode parse(String contentType, byte[] body) throws Rejected {
    String type = mediaType(contentType);
    if (type.equals(JSON)) {
      return object(body, 0, body.length);
    }
    if (type.equals(FORM)) {
      byte[] json = formField(body).getBytes(StandardCharsets.UTF_8);
      return object(json, 0, json.length);
    }
    throw new Rejected(
        Refusal.UNSUPPORTED_CONTENT_TYPE,
        WebhookResult.unsupportedType(contentType == null ? "(none)" : contentType));
  }

  /** {@code application/json; charset=utf-8} to {@code application/json}. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private ObjectNode object(byte[] json, int offset, int length) throws Rejected {
    JsonNode node;
    try {
      node = mapper.readTree(json, offset, length);
    } catch (JsonProcessingException e) {
      throw new Rejected(
          Refusal.MALFORMED_BODY,
          WebhookResult.badRequest(
              "body is not valid JSON: "
                  + e.getOriginalMessage()
                  + (e.getLocation() == null
                      ? ""
                      : " (line "
                          + e.getLocation().getLineNr()
                          + ", column "
                          + e.getLocation().getColumnNr()
                          + ")")));
    } catch (IOException e) {
      throw new Rejected(
          Refusal.MALFORMED_BODY,
          WebhookResult.badRequest("body could not be read as JSON: " + e.getMessage()));
    }
    if (!(node instanceof ObjectNode)) {
      throw new Rejected(
          Refusal.MALFORMED_BODY,
          WebhookResult.badRequest(
              "body must be a JSON object, got "
                  + (node == null || node.isMissingNode()
                      ? "nothing"
                      : node.getNodeType().toString().toLowerCase(Locale.ROOT))));
    }
    return (ObjectNode) node;
  }

  /** The decoded value of the {@code payload} field of a form body. */
  private static String formField(byte[] body) throws Rejected {
    // Form bodies are ASCII by definition (everything else is percent-encoded).
    String form = new String(body, StandardCharsets.ISO_8859_1);
    for (String field : form.split("&")) {
      if (field.startsWith("payload=")) {
        try {
          return URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new Rejected(
              Refusal.MALFORMED_BODY,
              WebhookResult.badRequest(
                  "the form field 'payload' is not valid" + " URL encoding: " + e.getMessage()));
        }
      }
    }
    throw new Rejected(
        Refusal.MALFORMED_BODY,
        WebhookResult.badRequest(
            "a form-encoded delivery must carry the JSON in a field"
                + " named 'payload'; none was found"));
  }
}
