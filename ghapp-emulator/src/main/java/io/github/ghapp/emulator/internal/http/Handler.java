package io.github.ghapp.emulator.internal.http;

/** One route's logic. Throw {@link ApiException} for GitHub's error answers. */
@FunctionalInterface
public interface Handler {
  ApiResponse handle(ApiRequest request);
}
