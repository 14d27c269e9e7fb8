package fedvec.app.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import fedvec.cluster.aggregation.AggregationLog;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Routes the run's logging into its directory: everything into run.log (each actor's lines carry
 * its path from Pekko's MDC), and the aggregation events, one JSON object per line, into
 * aggregation.jsonl.
 */
public final class RunLogging implements AutoCloseable {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final FileAppender<ILoggingEvent> runLog;
  private final FileAppender<ILoggingEvent> aggregations;

  public RunLogging(Path dir) {
    runLog =
        appender(
            "run-log",
            dir.resolve("run.log"),
            "%d{ISO8601} %-5level [%thread] %logger{36} %X{pekkoSource} - %msg%n");
    aggregations = appender("aggregation-jsonl", dir.resolve("aggregation.jsonl"), "%msg%n");
    root().addAppender(runLog);
    Logger aggregation = context.getLogger(AggregationLog.LOGGER);
    aggregation.setLevel(Level.INFO);
    aggregation.setAdditive(false);
    aggregation.addAppender(aggregations);
  }

  private FileAppender<ILoggingEvent> appender(String name, Path file, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName(name);
    appender.setFile(file.toString());
    appender.setAppend(false);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  private Logger root() {
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  public void close() {
    root().detachAppender(runLog);
    context.getLogger(AggregationLog.LOGGER).detachAppender(aggregations);
    runLog.stop();
    aggregations.stop();
  }
}
