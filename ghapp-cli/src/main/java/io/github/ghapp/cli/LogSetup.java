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
 * Logging for the command line: silent by default, because a failure is already reported as one line and
 * the libraries' warnings (with stack traces) would bury it; {@code --verbose} turns on DEBUG, and the
 * emulator shows warnings. Everything goes to standard error, never to standard output, which carries
 * tokens and JSON for other programs.
 *
 * <p>Configured in code (found by logback through {@code META-INF/services}) rather than with a
 * {@code logback.xml}, which logback would parse with its XML machinery on every start of the command.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    // Nothing is logged unless asked for, so no appender yet: building one parses its pattern and loads
    // every converter logback has, a cost the common, silent case should not pay.
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Logs from here on at {@code level} ({@code Level.DEBUG} for {@code --verbose}) to standard error. */
  static synchronized void level(Level level) {
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
    root.setLevel(level);
  }
}
