package io.github.ghapp.cli;

import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.testing.TokenStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The token cache on disk keeps the contract every TokenStore keeps. */
class FileTokenStoreContractTest extends TokenStoreContract {
  @TempDir Path dir;

  @Override
  protected TokenStore newStore() {
    return new FileTokenStore(dir.resolve("tokens"), "app key".getBytes(StandardCharsets.UTF_8));
  }
}
