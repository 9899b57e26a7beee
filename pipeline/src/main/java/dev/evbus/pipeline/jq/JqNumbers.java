package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.evbus.protocol.JsonTreeScanner;
import java.nio.charset.StandardCharsets;

/**
 * What {@link JqJson}'s mapper makes of a number's text, without {@code BigInteger} or
 * {@code BigDecimal} (whose first use costs a consumer 10 to 20 ms of start-up): an integer that
 * fits an int or a long is an {@link IntNode} or a {@link LongNode}; any other number is a
 * {@link LiteralNumber} of the nearest double and the text {@code BigInteger} or
 * {@code BigDecimal} would give ({@code 1.5e3} is {@code 1.5E+3}, {@code 0.0000001} is {@code 1E-7}).
 * Both are correctly rounded to the nearest double, as {@link Double#parseDouble} is.
 */
final class JqNumbers implements JsonTreeScanner.Numbers {
    static final JqNumbers INSTANCE = new JqNumbers();
    /** The most digits a long has. */
    private static final int LONG_DIGITS = 19;
    /** Exponent digits past which {@code BigDecimal} may find the scale out of range: Jackson then decides. */
    private static final int SAFE_EXPONENT_DIGITS = 9;
    /** {@code BigDecimal.toString} switches to an exponent below this adjusted exponent. */
    private static final int PLAIN_ADJUSTED_MIN = -6;

    private JqNumbers() {
    }

    @Override
    public JsonNode integer(long value) {
        return (int) value == value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    @Override
    public JsonNode number(byte[] bytes, int start, int end, boolean integral) {
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        if (integral) {
            if (text.length() - (bytes[start] == '-' ? 1 : 0) <= LONG_DIGITS) {
                try {
                    return integer(Long.parseLong(text)); // 19 digits may still fit a long
                } catch (NumberFormatException pastLong) {
                    // a literal, as any longer integer
                }
            }
            return new LiteralNumber(Double.parseDouble(text), text);
        }
        String decimal = decimalText(text);
        if (decimal == null) {
            return null;
        }
        // BigDecimal has no negative zero: -0.0 is 0 to it, where parseDouble gives -0.0
        double nearest = zero(text) ? 0.0 : Double.parseDouble(text);
        return new LiteralNumber(nearest, Double.isInfinite(nearest) ? JqNumberText.of(nearest) : decimal);
    }

    /** Whether every digit before the exponent is 0. */
    private static boolean zero(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code new BigDecimal(json).toString()} for a JSON number with a fraction or an exponent, or
     * null when its exponent is long enough that {@code BigDecimal} might refuse it.
     */
    static String decimalText(String json) {
        int i = 0;
        boolean negative = json.charAt(0) == '-';
        if (negative) {
            i++;
        }
        StringBuilder digits = new StringBuilder(json.length());
        int fraction = 0;
        boolean inFraction = false;
        for (; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '.') {
                inFraction = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else {
                digits.append(c);
                fraction += inFraction ? 1 : 0;
            }
        }
        long exponent = 0;
        if (i < json.length()) {
            i++;
            boolean negativeExponent = json.charAt(i) == '-';
            if (json.charAt(i) == '+' || negativeExponent) {
                i++;
            }
            while (i < json.length() - 1 && json.charAt(i) == '0') {
                i++;
            }
            if (json.length() - i > SAFE_EXPONENT_DIGITS) {
                return null;
            }
            exponent = Long.parseLong(json.substring(i));
            exponent = negativeExponent ? -exponent : exponent;
        }
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        String unscaled = digits.substring(lead);
        long scale = fraction - exponent;
        StringBuilder text = new StringBuilder(unscaled.length() + 8);
        if (negative && !unscaled.equals("0")) {
            text.append('-');
        }
        long adjusted = -scale + (unscaled.length() - 1);
        if (scale == 0) {
            text.append(unscaled);
        } else if (scale > 0 && adjusted >= PLAIN_ADJUSTED_MIN) {
            long pad = scale - unscaled.length();
            if (pad >= 0) {
                text.append("0.").append("0".repeat((int) pad)).append(unscaled);
            } else {
                int point = (int) (unscaled.length() - scale);
                text.append(unscaled, 0, point).append('.').append(unscaled, point, unscaled.length());
            }
        } else {
            text.append(unscaled.charAt(0));
            if (unscaled.length() > 1) {
                text.append('.').append(unscaled, 1, unscaled.length());
            }
            text.append('E').append(adjusted >= 0 ? "+" : "").append(adjusted);
        }
        return text.toString();
    }
}
