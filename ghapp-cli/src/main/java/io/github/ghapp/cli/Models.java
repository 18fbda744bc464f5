package io.github.ghapp.cli;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the commands whose picocli model is built in code ({@link TokenModel}, {@link
 * GitCredentialModel}) share: the app's options and bindings to the fields of a command's own group
 * objects. Built in code, a short command reads no annotations, whose proxy classes the JDK's AOT
 * cache does not keep. Each option's initial value is its field's, as picocli takes it from an
 * annotated field and sets again before each parse.
 */
final class Models {
  private Models() {}

  /** The "App:" group of {@link AppOptions}, as its annotations declare it. */
  static ArgGroupSpec app(AppOptions app) {
    return ArgGroupSpec.builder()
        .validate(false)
        .exclusive(false)
        .heading("App:%n")
        .order(1)
        .addArg(
            option("--app-id", "ID", Long.class, 1, AppOptions.APP_ID_HELP)
                .setter(set(() -> app.appId, v -> app.appId = (Long) v))
                .getter(get(() -> app.appId))
                .initialValue(app.appId)
                .build())
        .addArg(
            option("--client-id", "ID", String.class, 2, AppOptions.CLIENT_ID_HELP)
                .setter(set(() -> app.clientId, v -> app.clientId = (String) v))
                .getter(get(() -> app.clientId))
                .initialValue(app.clientId)
                .build())
        .addArg(
            option("--private-key", "FILE", String.class, 3, AppOptions.PRIVATE_KEY_HELP)
                .setter(set(() -> app.privateKey, v -> app.privateKey = (String) v))
                .getter(get(() -> app.privateKey))
                .initialValue(app.privateKey)
                .build())
        .addArg(
            option("--base-url", "URL", String.class, 4, AppOptions.BASE_URL_HELP)
                .setter(set(() -> app.baseUrl, v -> app.baseUrl = (String) v))
                .getter(get(() -> app.baseUrl))
                .initialValue(app.baseUrl)
                .build())
        .addArg(
            option("--timeout", "DURATION", Duration.class, 5, AppOptions.TIMEOUT_HELP)
                .converters(new DurationConverter())
                .setter(set(() -> app.timeout, v -> app.timeout = (Duration) v))
                .getter(get(() -> app.timeout))
                .initialValue(app.timeout)
                .build())
        .addArg(
            option("--token-store", "URI", String.class, 6, AppOptions.TOKEN_STORE_HELP)
                .setter(set(() -> app.tokenStore, v -> app.tokenStore = (String) v))
                .getter(get(() -> app.tokenStore))
                .initialValue(app.tokenStore)
                .build())
        .build();
  }

  /** An option with the settings every ghapp option states. */
  static OptionSpec.Builder option(
      String name, String label, Class<?> type, int order, String description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(type)
        .order(order)
        .description(description);
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object value) {
    return (T) value;
  }

  /** A setter that returns the value it replaces, as picocli's field bindings do. */
  static ISetter set(Supplier<Object> field, Consumer<Object> assign) {
    return new ISetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T set(T value) {
        T old = (T) field.get();
        assign.accept(value);
        return old;
      }
    };
  }

  static IGetter get(Supplier<Object> field) {
    return new IGetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T get() {
        return (T) field.get();
      }
    };
  }
}
