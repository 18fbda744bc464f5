package io.github.ghapp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

/**
 * Logging for the command line: silent by default, because a failure is already reported as one
 * line and the libraries' warnings (with stack traces) would bury it; {@code --verbose} turns on
 * ghapp's DEBUG logging, and the emulator shows warnings. Everything goes to standard error, never
 * to standard output, which carries tokens and JSON for other programs.
 *
 * <p>Configured in code (found by logback through {@code META-INF/services}) rather than with a
 * {@code logback.xml}, which logback would parse with its XML machinery on every start of the
 * command.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    // Nothing is logged unless asked for, so no appender yet: building one parses its pattern and
    // loads every converter logback has, a cost the common, silent case should not pay.
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * {@code --verbose}: ghapp's own DEBUG logging, and warnings of the libraries under it (Jetty,
   * JGit), whose DEBUG output is noise here and, for an HTTP server, would include request headers.
   */
  static void verbose() {
    Logger root = withAppender();
    root.setLevel(Level.WARN);
    root.getLoggerContext().getLogger("io.github.ghapp").setLevel(Level.DEBUG);
  }

  /** Warnings and errors only: for the emulator, a server whose warnings are worth seeing. */
  static void warnings() {
    withAppender().setLevel(Level.WARN);
  }

  /** Nothing, as at start. */
  static void quiet() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.OFF);
    root.getLoggerContext().getLogger("io.github.ghapp").setLevel(null);
  }

  /** The root logger, writing to standard error from now on. */
  private static synchronized Logger withAppender() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("stderr") == null) {
      LoggerContext context = root.getLoggerContext();
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
      encoder.start();
      ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
      stderr.setContext(context);
      stderr.setName("stderr");
      stderr.setTarget("System.err");
      stderr.setEncoder(encoder);
      stderr.start();
      root.addAppender(stderr);
    }
    return root;
  }
}
