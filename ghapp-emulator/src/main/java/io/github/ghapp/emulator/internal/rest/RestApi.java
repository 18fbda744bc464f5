package io.github.ghapp.emulator.internal.rest;

import io.github.ghapp.emulator.internal.EmulatorCore;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.webhooks.WebhookRoutes;

/**
 * Builds the route table. One line per group of routes: a new surface (GraphQL, issues, ...)
 * registers itself here the same way, with {@link Router#rest} for paths under the REST root or
 * {@link Router#add} for others.
 */
public final class RestApi {

  private RestApi() {}

  public static Router routes(EmulatorCore core) {
    Router router = new Router(core.ghes() ? "/api/v3" : "");
    Representations json = new Representations(core);
    AppRoutes.register(router, core, json);
    AppHookRoutes.register(router, core);
    AccessTokenRoute.register(router, core, json);
    InstallationRoutes.register(router, core, json);
    RepositoryRoutes.register(router, core, json);
    IssueRoutes.register(router, core, json);
    MetaRoutes.register(router, core);
    AdminRoutes.register(router, core, json);
    WebhookRoutes.register(router, core.webhooks());
    return router;
  }
}
