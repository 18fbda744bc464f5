package io.github.ghapp.emulator.internal.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state file (YAML or JSON; JSON is YAML, so one parser serves both) into {@link
 * EmulatorState}. The format is documented in the module README. Mistakes are refused at start,
 * each with one line saying where it is, what is wrong and what would be right: an unknown key (a
 * typo such as {@code repository_selecton} would otherwise silently change what a test runs
 * against), a wrong type ({@link StateFields}), a reference to an app or account that does not
 * exist, a duplicate id, a repository its account does not own.
 */
public final class StateLoader {

  private static final Logger log = LoggerFactory.getLogger(StateLoader.class);

  /**
   * A key given twice in one mapping ({@code {id: 1, id: 2}}) is refused, not silently overwritten.
   */
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> TOP_KEYS = Set.of("apps", "accounts", "installations");
  private static final Set<String> APP_KEYS =
      Set.of(
          "id",
          "client_id",
          "slug",
          "name",
          "description",
          "owner",
          "permissions",
          "events",
          "webhook",
          "private_key_file",
          "public_key_file");
  private static final Set<String> ACCOUNT_KEYS = Set.of("login", "type", "id", "repositories");
  private static final Set<String> REPOSITORY_KEYS = Set.of("name", "private", "id");
  private static final Set<String> INSTALLATION_KEYS =
      Set.of(
          "id",
          "app",
          "account",
          "repository_selection",
          "repositories",
          "permissions",
          "events",
          "suspended");

  private final EmulatorState state;
  private final Path keyDirectory;
  private final Supplier<Instant> now;

  /**
   * @param keyDirectory where relative key file paths are resolved: the state file's directory, or
   *     the data directory for state given as text
   */
  public StateLoader(EmulatorState state, Path keyDirectory, Supplier<Instant> now) {
    this.state = state;
    this.keyDirectory = keyDirectory;
    this.now = now;
  }

  public void loadText(String yamlOrJson) {
    load(yamlOrJson, "the emulator state");
  }

  public void loadFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the emulator state file " + file, e);
    }
    load(text, file.toString());
  }

  /**
   * Every mistake is refused with one line: where ({@code state.yaml: installations[1] (id 43)}),
   * what is wrong, and what would be right.
   */
  private void load(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          source
              + " is not valid YAML or JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + oneLine(e.getOriginalMessage()),
          e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    StateFields top =
        at(
            source,
            () ->
                StateFields.of(
                    root, "{apps: [...], accounts: [...], installations: [...]}", TOP_KEYS));
    // Apps first, then accounts and their repositories, then the installations that refer to both.
    each(top, source, "apps", "[{id: 1001, slug: my-app}]", "id", this::loadApp);
    each(
        top,
        source,
        "accounts",
        "[{login: my-org, type: Organization}]",
        "login",
        this::loadAccount);
    each(
        top,
        source,
        "installations",
        "[{id: 42, app: 1001, account: my-org}]",
        "id",
        this::loadInstallation);
  }

  /** Loads the items of one list, naming the item in a refusal: {@code apps[0] (id 1001)}. */
  private static void each(
      StateFields top,
      String source,
      String list,
      String example,
      String key,
      Consumer<JsonNode> load) {
    List<JsonNode> items = at(source, () -> top.list(list, example));
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode name = item.path(key);
      String where =
          source
              + ": "
              + list
              + "["
              + i
              + "]"
              + (name.isValueNode() && !name.isNull()
                  ? " (" + key + " " + name.asText() + ")"
                  : "");
      at(
          where,
          () -> {
            load.accept(item);
            return null;
          });
    }
  }

  /** Runs a step, putting {@code where} in front of the message of a refusal. */
  private static <T> T at(String where, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(printable(where + ": " + e.getMessage()), e);
    }
  }

  /**
   * One line, whatever the values it names hold: a login or name with a line break in it (YAML
   * allows one) is shown as {@code \n}, other control characters as {@code ?}.
   */
  private static String printable(String message) {
    return message.replace("\r\n", "\\n").replace("\n", "\\n").replaceAll("\\p{Cntrl}", "?");
  }

  private void loadApp(JsonNode node) {
    StateFields app = StateFields.of(node, "{id: 1001, slug: my-app}", APP_KEYS);
    long id = app.requiredId("id");
    String slug = app.requiredText("slug");
    List<AppKey> keys = new ArrayList<>();
    for (String file : app.texts("private_key_file")) {
      keys.add(privateKeyFrom(keyDirectory.resolve(file), "app " + id));
    }
    for (String file : app.texts("public_key_file")) {
      Path path = keyDirectory.resolve(file);
      String pem = read(path, "public_key_file");
      keys.add(keyFrom("public_key_file", path, () -> new AppKey(Pem.parsePublicKey(pem), null)));
    }
    if (keys.isEmpty()) {
      keys.add(generatedKey());
    }
    Webhook webhook = null;
    if (app.has("webhook")) {
      StateFields hook =
          StateFields.of(
              app.node("webhook"),
              "{url: \"http://127.0.0.1:3000/webhooks\", secret: s3cret}",
              Set.of("url", "secret"));
      String url = hook.requiredText("url");
      Webhook.checkUrl(url);
      webhook = new Webhook(url, hook.text("secret"));
    }
    state.addApp(
        new App(
            id,
            app.text("client_id"),
            slug,
            app.has("name") ? app.text("name") : slug,
            app.text("description"),
            app.text("owner"),
            Permissions.parse(app.mapping("permissions"), "permissions"),
            app.texts("events"),
            keys,
            webhook,
            now.get()));
  }

  private void loadAccount(JsonNode node) {
    StateFields account = StateFields.of(node, "{login: my-org, type: Organization}", ACCOUNT_KEYS);
    String login = account.requiredText("login");
    AccountType type = AccountType.parse(account.requiredText("type"));
    Long id = account.optionalId("id");
    List<JsonNode> repositories =
        account.list("repositories", "[hello-world, {name: site, private: false}]");
    state.addAccount(login, type, id);
    for (JsonNode repository : repositories) {
      if (repository.isTextual()) {
        state.addRepository(login, repository.asText(), true, null);
      } else {
        StateFields fields =
            at(
                "repository " + repository.path("name").asText("?"),
                () ->
                    StateFields.of(
                        repository,
                        "hello-world or {name: hello-world, private: false}",
                        REPOSITORY_KEYS));
        at(
            "repository " + fields.requiredText("name"),
            () ->
                state.addRepository(
                    login,
                    fields.requiredText("name"),
                    fields.bool("private", true),
                    fields.optionalId("id")));
      }
    }
  }

  private void loadInstallation(JsonNode node) {
    StateFields installation =
        StateFields.of(node, "{id: 42, app: 1001, account: my-org}", INSTALLATION_KEYS);
    state.addInstallation(
        new NewInstallation(
            installation.requiredId("id"),
            installation.requiredId("app"),
            installation.requiredText("account"),
            installation.has("repository_selection")
                ? RepositorySelection.parse(installation.requiredText("repository_selection"))
                : null,
            installation.has("repositories") ? installation.texts("repositories") : null,
            installation.has("permissions") ? installation.mapping("permissions") : null,
            installation.has("events") ? installation.texts("events") : null,
            installation.bool("suspended", false)));
  }

  /**
   * Reads the key at {@code file}, or generates one and writes it there when the file does not
   * exist.
   */
  private AppKey privateKeyFrom(Path file, String app) {
    if (Files.exists(file)) {
      String pem = read(file, "private_key_file");
      return keyFrom("private_key_file", file, () -> AppKey.fromPrivatePem(pem));
    }
    AppKey key = generatedKey();
    try {
      KeyFiles.writePrivateKey(file, key.privateKeyPem());
    } catch (IOException e) {
      // A mistake in the state as much as a missing app id (StateLoaderFuzzTest found a name too
      // long for the file system): refused as the state is, saying what to change.
      throw new IllegalArgumentException(
          app
              + ": cannot write the generated private key to "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); give private_key_file a path in a writable directory",
          e);
    }
    log.info("{}: generated a new private key in {}", app, file);
    return key;
  }

  private static AppKey keyFrom(String field, Path file, Supplier<AppKey> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** A fresh key pair, kept with its private half so that tests can sign JWTs. */
  public static AppKey generatedKey() {
    RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) Pem.generateRsaKeyPair().getPrivate();
    return new AppKey(Pem.publicKeyOf(privateKey), Pem.toPkcs1Pem(privateKey));
  }

  private String read(Path file, String field) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          field
              + " "
              + file
              + " does not exist; give the path of a PEM file "
              + "(relative paths are resolved in "
              + keyDirectory
              + ")");
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + field + " " + file, e);
    }
  }

  /**
   * The YAML parser's message in one line: it runs over several (what it was doing, an excerpt with
   * a caret at the spot, what it found), of which the unindented ones say what is wrong.
   */
  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    return String.join(
        ": ",
        message
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .map(String::strip)
            .toList());
  }
}
