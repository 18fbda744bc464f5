package io.github.ghapp.emulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.github.ghapp.emulator.fixtures.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub's published REST description, from the npm package {@code @octokit/openapi} (pinned), with
 * its {@code $ref}s already resolved ({@code generated/api.github.com.deref.json}), for validating
 * the emulator's answers with the networknt validator in its OpenAPI 3.0 dialect ({@code
 * nullable}).
 *
 * <p>The one file needed is kept in {@code ~/.cache/ghapp/npm/@octokit/openapi-<version>/} (or
 * under {@code $GHAPP_CACHE}); the first run fetches it with {@code npm pack} and extracts only
 * that file from the ~29 MB package ({@link NpmPackage}). There is no fallback: when it cannot be
 * had, the tests fail, saying how to fetch it by hand. The ~73 MB file is parsed once per JVM,
 * keeping only what the tests use (about a second).
 */
final class GitHubOpenApi {

  static final String PACKAGE = "@octokit/openapi";
  static final String VERSION = "23.0.2";
  private static final String FILE = "generated/api.github.com.deref.json";

  private static GitHubOpenApi instance;

  private final JsonNode description;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          builder ->
              builder
                  .metaSchema(OpenApi30.getInstance())
                  .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder()
          .nullableKeywordEnabled(true)
          .formatAssertionsEnabled(true)
          .build();

  private GitHubOpenApi(JsonNode description) {
    this.description = description;
  }

  /** The description, fetched and parsed on first use. */
  static synchronized GitHubOpenApi get() {
    if (instance == null) {
      instance = new GitHubOpenApi(read(file()));
    }
    return instance;
  }

  /**
   * Only {@code paths} and {@code x-webhooks}, as trees: the rest of the file is skipped token by
   * token without building it.
   */
  private static ObjectNode read(Path file) {
    try (JsonParser parser = Http.JSON.getFactory().createParser(file.toFile())) {
      ObjectNode kept = Http.JSON.createObjectNode();
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (name.equals("paths") || name.equals("x-webhooks")) {
            kept.set(name, parser.readValueAsTree());
          } else {
            parser.skipChildren();
          }
        }
      }
      if (!kept.has("paths") || !kept.has("x-webhooks")) {
        throw new IllegalStateException(
            file + " lacks paths or x-webhooks; delete it to fetch it again");
      }
      return kept;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file + "; delete it to fetch it again", e);
    }
  }

  /** The schema of an operation's JSON answer, e.g. {@code ("/app", "get", 200)}. */
  JsonSchema response(String path, String method, int status) {
    return factory.getSchema(answer(path, method, status), config);
  }

  private JsonNode answer(String path, String method, int status) {
    JsonNode schema =
        description
            .path("paths")
            .path(path)
            .path(method)
            .path("responses")
            .path(Integer.toString(status))
            .path("content")
            .path("application/json")
            .path("schema");
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException(
          "GitHub's description has no JSON "
              + status
              + " answer for "
              + method.toUpperCase()
              + " "
              + path);
    }
    return schema;
  }

  /**
   * The payload schema of a webhook, e.g. {@code issues-opened} (event {@code issues}, action
   * {@code opened}).
   */
  JsonSchema webhook(String name) {
    JsonNode schema =
        description
            .path("x-webhooks")
            .path(name)
            .path("post")
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("schema");
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException("GitHub's description has no webhook named " + name);
    }
    return factory.getSchema(schema, config);
  }

  /**
   * A named schema of GitHub's {@code components/schemas}. The dereferenced description has no
   * components left, so each is taken from an answer known to use it whole, and its title is
   * checked to make sure.
   */
  JsonSchema component(String name) {
    switch (name) {
      case "installation":
        return titled(name, "Installation", "/app/installations/{installation_id}", "get", 200);
      case "basic-error":
        return titled(name, "Basic Error", "/app/installations/{installation_id}", "get", 404);
      case "validation-error":
        return titled(name, "Validation Error", "/repos/{owner}/{repo}/issues", "post", 422);
      default:
        throw new IllegalArgumentException("no known answer carries the schema " + name);
    }
  }

  private JsonSchema titled(String name, String title, String path, String method, int status) {
    JsonNode schema = answer(path, method, status);
    if (!title.equals(schema.path("title").asText())) {
      throw new IllegalStateException(
          "the "
              + status
              + " answer of "
              + method.toUpperCase()
              + " "
              + path
              + " no longer carries the "
              + name
              + " schema (its title is '"
              + schema.path("title").asText()
              + "'); choose another answer for it");
    }
    return factory.getSchema(schema, config);
  }

  /** The validator's complaints, one per line; empty when the document matches. */
  static String problems(JsonSchema schema, JsonNode document) {
    Set<ValidationMessage> messages = schema.validate(document);
    return messages.stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  /**
   * A copy with GitHub's bot addresses made mailboxes. GitHub writes a bot's address as {@code
   * <id>+<slug>[bot]@users.noreply.github.com}, which the schema's {@code format: email} (an RFC
   * 5321 mailbox) refuses for its brackets: GitHub sends it all the same, so those are checked with
   * the brackets taken out.
   */
  static JsonNode botAddressesAsMailboxes(JsonNode document) {
    JsonNode copy = document.deepCopy();
    replaceBotAddresses(copy);
    return copy;
  }

  private static void replaceBotAddresses(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode email = object.get("email");
      if (email != null && email.asText().endsWith("[bot]@users.noreply.github.com")) {
        object.put("email", email.asText().replace("[bot]", "-bot"));
      }
    }
    node.forEach(GitHubOpenApi::replaceBotAddresses);
  }

  /** The cached file, fetched first if it is not there yet. */
  static Path file() {
    return NpmPackage.of(PACKAGE, VERSION).only(FILE).directory().resolve(FILE);
  }
}
