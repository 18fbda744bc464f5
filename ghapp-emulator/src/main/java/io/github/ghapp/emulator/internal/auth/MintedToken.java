package io.github.ghapp.emulator.internal.auth;

/**
 * A freshly minted token: the secret, handed out once in the 201 answer, and what is kept about it.
 */
public record MintedToken(String token, IssuedToken details) {

  @Override
  public String toString() {
    return "MintedToken[token=***, details=" + details + "]";
  }
}
