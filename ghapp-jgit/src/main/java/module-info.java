/** ghapp's installation tokens for JGit. Only {@code io.github.ghapp.jgit} is API. */
module io.github.ghapp.jgit {
  exports io.github.ghapp.jgit;

  // in the API: TokenProvider, and JGit's CredentialsProvider
  requires transitive io.github.ghapp.auth;
  requires transitive org.eclipse.jgit;
}
