package io.github.ghapp.emulator;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One request the emulator answered, for tests to assert on: who called what, with which kind of
 * credential, and what it answered. Never holds the credential itself.
 *
 * <pre>{@code
 * long mints = emu.requests().stream().filter(RecordedRequest::isMint).count();
 * assertThat(emu.requests()).extracting(RecordedRequest::credential).containsOnly(CredentialKind.INSTALLATION_TOKEN);
 * }</pre>
 *
 * @param path the request path as sent, without the query string (GHES paths keep {@code /api/v3})
 * @param installationId the installation the request acted as (token) or on (minting), else null
 * @param at the emulator's time (its clock plus any injected offset) when the request was admitted,
 *     after any injected delay
 * @param requestId the {@code X-GitHub-Request-Id} of the answer
 */
public record RecordedRequest(
    String method,
    String path,
    CredentialKind credential,
    Long installationId,
    int status,
    Instant at,
    String requestId) {

  private static final Pattern MINT_PATH =
      Pattern.compile(".*/app/installations/[^/]+/access_tokens/?");

  /** True for a successful {@code POST /app/installations/{id}/access_tokens}: one token minted. */
  public boolean isMint() {
    return "POST".equals(method) && status == 201 && MINT_PATH.matcher(path).matches();
  }
}
