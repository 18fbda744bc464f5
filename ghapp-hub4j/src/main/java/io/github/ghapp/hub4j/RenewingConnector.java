package io.github.ghapp.hub4j;

import java.io.IOException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * hub4j's connector with a {@code 401} for a token of ours dropping that token from ghapp's cache.
 * hub4j itself does the rest: on a {@code 401} it asks the authorization provider again and, when
 * the header has changed, sends the request once more (its body is bytes, so writes too). Without
 * the drop, ghapp would hand out the same refused token and hub4j would give up. A replacement
 * refused in turn is kept (see {@link GhappAuthorizationProvider}): one retry, one mint.
 */
final class RenewingConnector implements GitHubConnector {
  private final GitHubConnector delegate;
  private final GhappAuthorizationProvider provider;

  RenewingConnector(GitHubConnector delegate, GhappAuthorizationProvider provider) {
    this.delegate = delegate;
    this.provider = provider;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    GitHubConnectorResponse response = delegate.send(request);
    if (response.statusCode() == 401) {
      provider.refused(request.header("Authorization"));
    } else if (response.statusCode() < 400) {
      provider.accepted(request.header("Authorization"));
    }
    return response;
  }

  @Override
  public String toString() {
    return "RenewingConnector{" + delegate + "}";
  }
}
