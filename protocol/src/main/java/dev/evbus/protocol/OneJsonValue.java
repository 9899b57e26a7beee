package dev.evbus.protocol;

/**
 * Whether some bytes are exactly one JSON value, white space around it allowed, decided by
 * {@link JsonValidator} without a Jackson parser. A Jackson parser's class initialises
 * {@code java.math.BigDecimal}, which on JDK 25 computes 5<sup>65536</sup> for a table (20 to 30
 * ms under C1): {@code publish --data} would pay that at every start (decision 0004).
 *
 * <p>False means "not certain", never "invalid": the caller asks Jackson, which gives the verdict
 * and its message. The validator is narrower than Jackson and applies its limits, so a value it
 * accepts, Jackson accepts too (its nesting counted from this value, as a parser of it alone would).
 */
public final class OneJsonValue {
    private OneJsonValue() {
    }

    public static boolean certainlyValid(byte[] bytes) {
        JsonValidator json = new JsonValidator(bytes, bytes.length, PublishScanner.LIMITS);
        int start = json.skipWhitespace(0);
        if (start == bytes.length) {
            return false;
        }
        int end = json.value(start, 0);
        return end != JsonValidator.FAIL && json.skipWhitespace(end) == bytes.length;
    }
}
