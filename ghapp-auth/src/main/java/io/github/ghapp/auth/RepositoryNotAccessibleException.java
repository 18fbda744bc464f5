package io.github.ghapp.auth;

/**
 * GitHub refused to mint a token for the requested repositories ({@code 422 There is at least one
 * repository that does not exist or is not accessible to the parent installation.}): a name is
 * misspelt, carries an owner, or the installation was not given that repository.
 */
public class RepositoryNotAccessibleException extends GitHubException {
  public RepositoryNotAccessibleException(String message, ErrorDetails details) {
    super(message, details, false);
  }
}
