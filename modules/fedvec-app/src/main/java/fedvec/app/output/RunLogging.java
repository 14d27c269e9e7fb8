package fedvec.app.output;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Routes the run's logging into run.log in its directory: every line, actor lines with the actor's
 * path from Pekko's MDC, this node's aggregation events among them as JSON lines.
 */
public final class RunLogging implements AutoCloseable {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final FileAppender<ILoggingEvent> runLog;

  public RunLogging(Path dir) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} %X{pekkoSource} - %msg%n");
    encoder.start();
    runLog = new FileAppender<>();
    runLog.setContext(context);
    runLog.setName("run-log");
    runLog.setFile(dir.resolve("run.log").toString());
    runLog.setAppend(false);
    runLog.setEncoder(encoder);
    runLog.start();
    root().addAppender(runLog);
  }

  private Logger root() {
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  public void close() {
    root().detachAppender(runLog);
    runLog.stop();
  }
}
