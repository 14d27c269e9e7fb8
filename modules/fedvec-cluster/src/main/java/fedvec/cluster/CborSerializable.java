package fedvec.cluster;

/**
 * Marker of every message that may cross nodes: Pekko serialises it with Jackson CBOR (see the
 * serialization-bindings in cluster-config/node.conf). Nothing else is serialisable.
 */
public interface CborSerializable {}
