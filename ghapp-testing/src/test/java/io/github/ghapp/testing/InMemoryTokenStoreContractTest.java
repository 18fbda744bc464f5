package io.github.ghapp.testing;

import io.github.ghapp.auth.TokenStore;

/** The default store keeps the contract it sets. */
class InMemoryTokenStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return TokenStore.inMemory(100);
  }
}
