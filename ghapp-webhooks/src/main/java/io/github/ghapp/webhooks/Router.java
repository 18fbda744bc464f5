package io.github.ghapp.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Which handlers an event goes to: those registered for {@code name.action}, then for {@code name},
 * then for any event, each group in registration order. Handlers may be added while deliveries are
 * running; the copy-on-write lists make the (rare) registration pay instead of the (frequent)
 * look-up.
 */
final class Router {
  // Event names are GitHub's own (lower case, underscores). Actions usually are too, but a
  // repository_dispatch's action is whatever event_type the sender chose ("on-demand-test"), so any
  // printable text is allowed after the dot.
  private static final Pattern ROUTE = Pattern.compile("[a-z0-9_]+(\\.\\P{Cntrl}+)?");

  private final ConcurrentMap<String, List<AsyncWebhookHandler>> byRoute =
      new ConcurrentHashMap<>();
  private final List<AsyncWebhookHandler> any = new CopyOnWriteArrayList<>();

  void add(String route, AsyncWebhookHandler handler) {
    if (route == null || !ROUTE.matcher(route).matches()) {
      throw new IllegalArgumentException(
          "'"
              + route
              + "' is not an event name: use GitHub's lower-case"
              + " name, alone or with an action, e.g. 'issues' or 'issues.opened' (onAny for every event)");
    }
    byRoute.computeIfAbsent(route, r -> new CopyOnWriteArrayList<>()).add(handler);
  }

  void addAny(AsyncWebhookHandler handler) {
    any.add(handler);
  }

  List<AsyncWebhookHandler> handlersFor(WebhookEvent event) {
    List<AsyncWebhookHandler> handlers = new ArrayList<>();
    event.action().ifPresent(action -> addAll(handlers, event.name() + "." + action));
    addAll(handlers, event.name());
    handlers.addAll(any);
    return handlers;
  }

  private void addAll(List<AsyncWebhookHandler> into, String route) {
    List<AsyncWebhookHandler> handlers = byRoute.get(route);
    if (handlers != null) {
      into.addAll(handlers);
    }
  }
}
