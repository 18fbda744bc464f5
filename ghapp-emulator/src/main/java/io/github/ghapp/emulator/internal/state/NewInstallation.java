package io.github.ghapp.emulator.internal.state;

import java.util.List;
import java.util.Map;

/**
 * What is needed to install an app; null fields take GitHub's defaults.
 *
 * @param id null to let the emulator choose
 * @param selection null: {@code selected} when repositories are named, else {@code all}
 * @param repositories repository names (of the account), used with {@code selected}
 * @param permissions null: every permission of the app
 * @param events null: every event of the app
 */
public record NewInstallation(
    Long id,
    long appId,
    String account,
    RepositorySelection selection,
    List<String> repositories,
    Map<String, String> permissions,
    List<String> events,
    boolean suspended) {}
