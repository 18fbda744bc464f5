package io.github.ghapp.emulator.internal.git;

import io.github.ghapp.emulator.internal.EmulatorCore;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Git over HTTP on the emulator's own port, at the host root as on GitHub (also in GHES mode):
 * {@code http://127.0.0.1:PORT/owner/repo.git}. A servlet mapping cannot express {@code
 * /{owner}/{repo}.git/*}, so a filter on every path picks out Git's requests ({@link
 * GitAccessFilter}) and passes the rest on to the API.
 */
public final class GitHttp {

  private GitHttp() {}

  public static void register(ServletContextHandler context, EmulatorCore core) {
    context.addFilter(
        new FilterHolder(new GitAccessFilter(core)), "/*", EnumSet.of(DispatcherType.REQUEST));
  }
}
