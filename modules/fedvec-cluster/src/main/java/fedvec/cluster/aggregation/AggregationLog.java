package fedvec.cluster.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes aggregation events as JSON lines to the logger {@value #LOGGER}; the app routes that
 * logger to the run's aggregation.jsonl, so each node logs its own actors' aggregations.
 */
public final class AggregationLog {
  /** The logger name the aggregation lines are written to. */
  public static final String LOGGER = "fedvec.aggregation";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  private AggregationLog() {}

  /** Logs {@code record} as one JSON line and returns it. */
  public static AggregationRecord write(AggregationRecord record) {
    try {
      LOG.info(JSON.writeValueAsString(record));
      return record;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write aggregation record " + record, e);
    }
  }
}
