package fedvec.learning.parameters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParameterVectorTest {

  @Test
  void packsAsLittleEndianFloat32AndRoundTripsExactly() {
    ParameterVector p = new ParameterVector(7, new float[] {1.0f, -2.5f, Float.MIN_VALUE});
    byte[] bytes = p.toBytes();
    assertEquals(12, bytes.length);
    // 1.0f = 0x3F800000, little-endian: 00 00 80 3F
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, java.util.Arrays.copyOf(bytes, 4));
    assertEquals(p, ParameterVector.fromBytes(7, bytes));
    assertThrows(IllegalArgumentException.class, () -> ParameterVector.fromBytes(1, new byte[5]));
  }

  @Test
  void normAndFiniteness() {
    assertEquals(5.0, new ParameterVector(0, new float[] {3f, 4f}).norm(), 1e-12);
    assertTrue(new ParameterVector(0, new float[] {3f}).allFinite());
    assertFalse(new ParameterVector(0, new float[] {Float.NaN}).allFinite());
    assertFalse(new ParameterVector(0, new float[] {Float.POSITIVE_INFINITY}).allFinite());
  }
}
