package io.github.ghapp.emulator.internal.state;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state file (YAML or JSON; JSON is YAML, so one parser serves both) into {@link EmulatorState}.
 * The format is documented in the module README. Unknown keys are refused, naming the key, because a typo
 * such as {@code repository_selecton} would otherwise silently change what a test runs against.
 */
public final class StateLoader {

    private static final Logger LOG = LoggerFactory.getLogger(StateLoader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> TOP_KEYS = Set.of("apps", "accounts", "installations");
    private static final Set<String> APP_KEYS = Set.of("id", "client_id", "slug", "name", "description", "owner",
            "permissions", "events", "webhook", "private_key_file", "public_key_file");
    private static final Set<String> ACCOUNT_KEYS = Set.of("login", "type", "id", "repositories");
    private static final Set<String> REPOSITORY_KEYS = Set.of("name", "private", "id");
    private static final Set<String> INSTALLATION_KEYS = Set.of("id", "app", "account", "repository_selection",
            "repositories", "permissions", "events", "suspended");

    private final EmulatorState state;
    private final Path keyDirectory;
    private final Supplier<Instant> now;

    /**
     * @param keyDirectory where relative key file paths are resolved: the state file's directory, or the
     *                     data directory for state given as text
     */
    public StateLoader(EmulatorState state, Path keyDirectory, Supplier<Instant> now) {
        this.state = state;
        this.keyDirectory = keyDirectory;
        this.now = now;
    }

    public void loadText(String yamlOrJson) {
        JsonNode root;
        try {
            root = YAML.readTree(yamlOrJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the emulator state is not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
        load(root);
    }

    public void loadFile(Path file) {
        try {
            loadText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator state file " + file, e);
        }
    }

    private void load(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        requireObject(root, "the state", TOP_KEYS);
        for (JsonNode app : list(root, "apps")) {
            loadApp(app);
        }
        for (JsonNode account : list(root, "accounts")) {
            loadAccount(account);
        }
        for (JsonNode installation : list(root, "installations")) {
            loadInstallation(installation);
        }
    }

    private void loadApp(JsonNode node) {
        requireObject(node, "an app", APP_KEYS);
        long id = requiredLong(node, "id", "an app");
        String where = "app " + id;
        String slug = requiredText(node, "slug", where);
        List<AppKey> keys = new ArrayList<>();
        for (String file : texts(node, "private_key_file", where)) {
            keys.add(privateKeyFrom(keyDirectory.resolve(file), where));
        }
        for (String file : texts(node, "public_key_file", where)) {
            keys.add(new AppKey(Pem.parsePublicKey(read(keyDirectory.resolve(file), where)), null));
        }
        if (keys.isEmpty()) {
            keys.add(generatedKey());
        }
        Webhook webhook = null;
        if (node.hasNonNull("webhook")) {
            JsonNode hook = node.get("webhook");
            requireObject(hook, where + " webhook", Set.of("url", "secret"));
            webhook = new Webhook(requiredText(hook, "url", where + " webhook"), text(hook, "secret"));
        }
        state.addApp(new App(id, text(node, "client_id"), slug, textOr(node, "name", slug),
                text(node, "description"), text(node, "owner"), Permissions.parse(stringMap(node, "permissions", where), where),
                texts(node, "events", where), keys, webhook, now.get()));
    }

    private void loadAccount(JsonNode node) {
        requireObject(node, "an account", ACCOUNT_KEYS);
        String login = requiredText(node, "login", "an account");
        AccountType type = AccountType.parse(requiredText(node, "type", "account " + login));
        state.addAccount(login, type, node.hasNonNull("id") ? node.get("id").asLong() : null);
        for (JsonNode repository : list(node, "repositories")) {
            if (repository.isTextual()) {
                state.addRepository(login, repository.asText(), true, null);
            } else {
                requireObject(repository, "a repository of " + login, REPOSITORY_KEYS);
                state.addRepository(login, requiredText(repository, "name", "a repository of " + login),
                        !repository.has("private") || repository.get("private").asBoolean(true),
                        repository.hasNonNull("id") ? repository.get("id").asLong() : null);
            }
        }
    }

    private void loadInstallation(JsonNode node) {
        requireObject(node, "an installation", INSTALLATION_KEYS);
        long id = requiredLong(node, "id", "an installation");
        String where = "installation " + id;
        state.addInstallation(new NewInstallation(id, requiredLong(node, "app", where),
                requiredText(node, "account", where),
                node.hasNonNull("repository_selection")
                        ? RepositorySelection.parse(node.get("repository_selection").asText()) : null,
                node.has("repositories") ? texts(node, "repositories", where) : null,
                node.has("permissions") ? stringMap(node, "permissions", where) : null,
                node.has("events") ? texts(node, "events", where) : null,
                node.path("suspended").asBoolean(false)));
    }

    /** Reads the key at {@code file}, or generates one and writes it there when the file does not exist. */
    private static AppKey privateKeyFrom(Path file, String where) {
        if (Files.exists(file)) {
            return AppKey.fromPrivatePem(read(file, where));
        }
        AppKey key = generatedKey();
        try {
            KeyFiles.writePrivateKey(file, key.privateKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": cannot write the generated private key to " + file, e);
        }
        LOG.info("{}: generated a new private key in {}", where, file);
        return key;
    }

    /** A fresh key pair, kept with its private half so that tests can sign JWTs. */
    public static AppKey generatedKey() {
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) Pem.generateRsaKeyPair().getPrivate();
        return new AppKey(Pem.publicKeyOf(privateKey), Pem.toPkcs1Pem(privateKey));
    }

    private static String read(Path file, String where) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": cannot read key file " + file, e);
        }
    }

    private static void requireObject(JsonNode node, String what, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " must be a mapping of keys to values, not " + node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + " has an unknown key '" + name + "'; known keys: "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list");
        }
        value.forEach(items::add);
        return items;
    }

    private static long requiredLong(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new IllegalArgumentException(where + " needs a positive integer '" + field + "'");
        }
        return value.asLong();
    }

    private static String requiredText(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + " needs '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    /** A string or a list of strings. */
    private static List<String> texts(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        List<String> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (value.isValueNode()) {
            items.add(value.asText());
            return items;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a string or a list of strings");
        }
        value.forEach(item -> items.add(item.asText()));
        return items;
    }

    private static Map<String, String> stringMap(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a mapping such as {contents: read}");
        }
        value.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
