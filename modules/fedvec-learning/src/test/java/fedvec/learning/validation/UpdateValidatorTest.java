package fedvec.learning.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fedvec.learning.parameters.ParameterVector;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdateValidatorTest {
  private final UpdateValidator validator = new UpdateValidator(2, 10.0);

  private static ParameterVector p(float... values) {
    return new ParameterVector(1, values);
  }

  @Test
  void acceptsAWellFormedUpdateAndNamesWhatIsWrongWithEachPoisonedOne() {
    assertEquals(Optional.empty(), validator.check(p(6f, 8f), -1.0)); // norm exactly 10
    assertEquals(Optional.of(RejectionReason.WRONG_SHAPE), validator.check(p(1f, 2f, 3f), -1.0));
    assertEquals(Optional.of(RejectionReason.NOT_FINITE), validator.check(p(Float.NaN, 1f), -1.0));
    assertEquals(
        Optional.of(RejectionReason.NOT_FINITE),
        validator.check(p(Float.NEGATIVE_INFINITY, 1f), -1.0));
    assertEquals(Optional.of(RejectionReason.NOT_FINITE), validator.check(p(1f, 1f), Double.NaN));
    assertEquals(
        Optional.of(RejectionReason.NORM_ABOVE_BOUND), validator.check(p(6f, 8.01f), -1.0));
  }
}
