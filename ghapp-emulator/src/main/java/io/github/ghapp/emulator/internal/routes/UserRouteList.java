package io.github.ghapp.emulator.internal.routes;

import io.github.ghapp.emulator.internal.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes a builder was given, each once: the same method and path twice is a mistake in the
 * test, not a wish for the last handler.
 */
public final class UserRouteList {

  private final List<UserRoute> routes = new ArrayList<>();

  public void add(UserRoute route) {
    String shape = Router.shapeOf(route.template());
    for (UserRoute earlier : routes) {
      if (earlier.method().equals(route.method())
          && Router.shapeOf(earlier.template()).equals(shape)) {
        throw new IllegalStateException(
            "route " + route.endpoint() + " was already added; add each route once");
      }
    }
    routes.add(route);
  }

  public List<UserRoute> routes() {
    return List.copyOf(routes);
  }
}
