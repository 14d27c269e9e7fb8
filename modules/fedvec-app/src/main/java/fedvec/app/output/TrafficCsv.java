package fedvec.app.output;

import fedvec.cluster.traffic.Link;
import fedvec.cluster.traffic.TrafficTally;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;

/** traffic.csv: messages and serialized bytes per link tier, one row per episode and link. */
public final class TrafficCsv implements AutoCloseable {
  public static final String HEADER = "episode,link,messages,bytes";

  private final BufferedWriter out;

  /**
   * @param append continue an existing file (a resumed run) instead of starting a new one
   */
  public TrafficCsv(Path file, boolean append) throws IOException {
    out = Output.open(file, append);
    if (!append) {
      out.write(HEADER);
      out.newLine();
      out.flush();
    }
  }

  public void write(int episode, TrafficTally traffic) throws IOException {
    for (Link link : Link.values()) {
      out.write(
          episode + "," + link.label() + "," + traffic.messages(link) + "," + traffic.bytes(link));
      out.newLine();
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
