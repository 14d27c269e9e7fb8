package fedvec.learning.parameters;

import java.util.List;

/**
 * The names and sizes of the tensors packed into a {@link ParameterVector}, in packing order, so a
 * flat vector can be checked against the network it is loaded into.
 */
public record ParameterLayout(List<Entry> entries) {

  /** One tensor: e.g. "actor/01Linear_weight" with 1,024 floats. */
  public record Entry(String name, int size) {}

  public ParameterLayout {
    entries = List.copyOf(entries);
  }

  public int totalSize() {
    return entries.stream().mapToInt(Entry::size).sum();
  }

  public ParameterLayout then(ParameterLayout next) {
    return new ParameterLayout(
        java.util.stream.Stream.concat(entries.stream(), next.entries.stream()).toList());
  }
}
