package io.github.ghapp.auth;

import io.github.ghapp.emulator.GitHubEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The installations the fault soak's callers use, and each one's token requests (scoped and not):
 * the demo's two plus an organization and a user made for the soak, four in all. Each {@link
 * Target} knows what its tokens may reach, which is what {@link SoakJudge} checks them against.
 */
final class SoakWorld {

  /** One installation asked for one {@link TokenRequest}, and the repositories it may reach. */
  record Target(long installationId, String owner, List<String> reach, TokenRequest request) {
    String describe() {
      return "installation " + installationId + " " + request;
    }
  }

  /** A look-up and the installation it must find. */
  record Lookup(String kind, String owner, String repository, long expected) {}

  final List<Target> targets = new ArrayList<>();
  final List<Lookup> lookups = new ArrayList<>();
  final List<Long> installations = new ArrayList<>();

  private SoakWorld() {}

  static SoakWorld create(GitHubEmulator emu) {
    SoakWorld world = new SoakWorld();
    long org = EmulatorApps.ORG_INSTALLATION; // octo-org: hello-world and docs
    long user = EmulatorApps.USER_INSTALLATION; // octocat: spoon-knife, all repositories
    emu.createAccount("soak-org", "Organization");
    for (String name : List.of("alpha", "beta", "gamma", "delta")) {
      emu.createRepository("soak-org", name, true);
    }
    long soakOrg =
        emu.createInstallation(
            EmulatorApps.APP_ID,
            "soak-org",
            List.of("alpha", "beta", "gamma"),
            Map.of("contents", "write", "issues", "read"));
    emu.createAccount("soak-user", "User");
    emu.createRepository("soak-user", "one", true);
    emu.createRepository("soak-user", "two", false);
    long soakUser = emu.createInstallation(EmulatorApps.APP_ID, "soak-user");
    world.installations.addAll(List.of(org, user, soakOrg, soakUser));

    List<String> orgReach = List.of("hello-world", "docs");
    world.add(org, "octo-org", orgReach, TokenRequest.all());
    world.add(org, "octo-org", orgReach, repos("hello-world").build());
    world.add(org, "octo-org", orgReach, repos("docs").permission("issues", "write").build());
    world.add(
        org, "octo-org", orgReach, TokenRequest.builder().permission("contents", "read").build());
    List<String> userReach = List.of("spoon-knife");
    world.add(user, "octocat", userReach, TokenRequest.all());
    world.add(
        user, "octocat", userReach, repos("spoon-knife").permission("contents", "read").build());
    List<String> soakOrgReach = List.of("alpha", "beta", "gamma");
    world.add(soakOrg, "soak-org", soakOrgReach, TokenRequest.all());
    world.add(soakOrg, "soak-org", soakOrgReach, repos("alpha", "beta").build());
    world.add(
        soakOrg,
        "soak-org",
        soakOrgReach,
        TokenRequest.builder().permission("issues", "read").build());
    world.add(
        soakOrg, "soak-org", soakOrgReach, repos("gamma").permission("contents", "write").build());
    List<String> soakUserReach = List.of("one", "two");
    world.add(soakUser, "soak-user", soakUserReach, TokenRequest.all());
    world.add(
        soakUser, "soak-user", soakUserReach, repos("two").permission("issues", "write").build());

    world.lookups.add(new Lookup("repository", "octo-org", "hello-world", org));
    world.lookups.add(new Lookup("repository", "soak-org", "beta", soakOrg));
    world.lookups.add(new Lookup("repository", "soak-user", "two", soakUser));
    world.lookups.add(new Lookup("organization", "octo-org", null, org));
    world.lookups.add(new Lookup("organization", "soak-org", null, soakOrg));
    world.lookups.add(new Lookup("user", "octocat", null, user));
    world.lookups.add(new Lookup("user", "soak-user", null, soakUser));
    for (long id : world.installations) {
      world.lookups.add(new Lookup("id", null, null, id));
    }
    return world;
  }

  private static TokenRequest.Builder repos(String... names) {
    return TokenRequest.builder().repositories(names);
  }

  private void add(long id, String owner, List<String> reach, TokenRequest request) {
    List<String> narrowed =
        request.repositories().isEmpty() ? reach : List.copyOf(request.repositories());
    targets.add(new Target(id, owner, narrowed, request));
  }

  /** The installation a look-up finds, through the library. */
  static long find(GitHubApp app, Lookup lookup) {
    Installations installations = app.installations();
    return switch (lookup.kind()) {
      case "repository" -> installations.forRepository(lookup.owner(), lookup.repository()).id();
      case "organization" -> installations.forOrganization(lookup.owner()).id();
      case "user" -> installations.forUser(lookup.owner()).id();
      default -> installations.byId(lookup.expected()).id();
    };
  }
}
