package io.github.ghapp.webhooks.internal.archfixture;

/**
 * Stands for any class inside ghapp-webhooks's internal packages, for {@code
 * io.github.ghapp.cli.ModuleBoundariesTest} to show that its rule fires (the real internal classes
 * are package-private or moving, so none is named here).
 */
public final class InternalStandIn {
  public static String name() {
    return "webhooks internal";
  }
}
