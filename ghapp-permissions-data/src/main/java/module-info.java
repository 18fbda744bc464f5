/**
 * GitHub's tables of the permissions each REST endpoint needs from an installation token, as rows.
 * Data only: what the rows mean is decided by its readers, ghapp-auth's catalog and the emulator's
 * gate, each on its own.
 */
module io.github.ghapp.permissions.data {
  exports io.github.ghapp.permissions.data;
}
