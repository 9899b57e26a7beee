package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;

/**
 * YAML integers and floats as jackson-dataformat-yaml 2.21 read them into key files' trees (its
 * {@code _decodeNumberScalar}, {@code _cleanYamlFloat} and {@code _parseNumericValue}): the same
 * node type for the same text (an int, a long or a BigInteger by the digits' count, exactly as
 * there, so that {@code 1234567890} and {@code +1234567890} stay an int and a long), the same
 * limits (Jackson's default {@link StreamReadConstraints}) and the same messages. Without a
 * Jackson parser, so without the JDK's {@code BigDecimal}, whose initialiser costs every command
 * 20 ms (decision 0004). Stateless.
 */
final class YamlNumbers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlNumbers() {
    }

    /** A scalar resolved or tagged as an integer: based forms decoded now, decimals when asked. */
    static YamlScalar integerToken(String value) throws YamlScalar.Refused, StreamConstraintsException {
        int length = value.length();
        boolean negative = value.charAt(0) == '-';
        int at = negative || value.charAt(0) == '+' ? 1 : 0;
        if (at == length) {
            return new YamlScalar(null, value, null, null); // a sign alone: the old parser gave no token
        }
        if (value.charAt(at) == '0') {
            if (++at == length) {
                return based(value, NODES.numberNode(0));
            }
            char base = value.charAt(at);
            if (base == 'b' || base == 'B') {
                return based(value, based(value.substring(at + 1), 2, negative, 31, 63, 32));
            }
            if (base == 'x' || base == 'X') {
                return based(value, based(value.substring(at + 1), 16, negative, 7, 15, 8));
            }
            if (base == '_' || (base >= '0' && base <= '9')) {
                return based(value, based(value.substring(at), 8, negative, 10, 21, -1));
            }
            return YamlScalar.string(value);
        }
        boolean underscores = false;
        for (; at < length; at++) {
            char c = value.charAt(at);
            if (c == '_') {
                underscores = true;
            } else if (c < '0' || c > '9') {
                return YamlScalar.string(value); // such as 1:30, YAML 1.1's base 60, which stays text
            }
        }
        String cleaned = value;
        if (underscores) {
            cleaned = withoutUnderscores(value.substring(value.charAt(0) == '+' ? 1 : 0));
            if (cleaned.isEmpty() || cleaned.equals("-")) {
                throw new YamlScalar.Refused("Invalid number ('" + value + "')");
            }
        }
        return new YamlScalar(JsonToken.VALUE_NUMBER_INT, value, cleaned, null);
    }

    /** A scalar resolved or tagged as a float: decoded when asked. */
    static YamlScalar floatToken(String value) {
        String cleaned = value.indexOf('_') < 0 ? value : withoutUnderscores(value.substring(value.charAt(0) == '+' ? 1 : 0));
        return new YamlScalar(JsonToken.VALUE_NUMBER_FLOAT, value, cleaned, null);
    }

    /** A decimal integer's node: int up to 9 digits, long up to 18 (an int if it fits in 10), else by value. */
    static JsonNode decimal(String text, String cleaned, boolean negative) throws YamlScalar.Refused, StreamConstraintsException {
        int digits = cleaned.length() - (negative ? 1 : 0);
        if (digits <= 9) {
            return NODES.numberNode(parseInt(cleaned, 10));
        }
        if (digits <= 18) {
            long value = Long.parseLong(cleaned);
            if (digits == 10 && (negative ? value >= Integer.MIN_VALUE : value <= Integer.MAX_VALUE)) {
                return NODES.numberNode((int) value);
            }
            return NODES.numberNode(value);
        }
        StreamReadConstraints.defaults().validateIntegerLength(cleaned.length());
        BigInteger value;
        try {
            value = new BigInteger(cleaned);
        } catch (NumberFormatException bad) {
            throw new YamlScalar.Refused("Malformed numeric value '" + text + "'");
        }
        return digits == 19 && value.bitLength() <= 63 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    /** A float's node: always a double. */
    static JsonNode floating(String text, String cleaned) throws YamlScalar.Refused, StreamConstraintsException {
        StreamReadConstraints.defaults().validateFPLength(cleaned.length());
        try {
            return NODES.numberNode(Double.parseDouble(cleaned));
        } catch (NumberFormatException bad) {
            throw new YamlScalar.Refused("Malformed numeric value '" + text + "'");
        }
    }

    private static YamlScalar based(String text, JsonNode value) {
        return new YamlScalar(JsonToken.VALUE_NUMBER_INT, text, null, value);
    }

    /**
     * A binary, octal or hex integer: an int up to {@code intDigits} digits, a long up to
     * {@code longDigits} (an int if it fits, when it has {@code maybeIntDigits}), else a BigInteger.
     */
    private static JsonNode based(String rawDigits, int radix, boolean negative, int intDigits, int longDigits, int maybeIntDigits)
            throws YamlScalar.Refused, StreamConstraintsException {
        String digits = withoutUnderscores(rawDigits);
        int length = digits.length();
        if (length <= intDigits) {
            int value = parseInt(digits, radix);
            return NODES.numberNode(negative ? -value : value);
        }
        if (length <= longDigits) {
            long value;
            try {
                value = Long.parseLong(digits, radix);
            } catch (NumberFormatException bad) {
                throw invalid(digits, radix, bad);
            }
            boolean maybeInt = length == maybeIntDigits;
            if (negative) {
                return maybeInt && -value >= Integer.MIN_VALUE ? NODES.numberNode((int) -value) : NODES.numberNode(-value);
            }
            return maybeInt && value < Integer.MAX_VALUE ? NODES.numberNode((int) value) : NODES.numberNode(value);
        }
        StreamReadConstraints.defaults().validateIntegerLength(length);
        try {
            BigInteger value = new BigInteger(digits, radix);
            return NODES.numberNode(negative ? value.negate() : value);
        } catch (NumberFormatException bad) {
            throw invalid(digits, radix, bad);
        }
    }

    private static int parseInt(String digits, int radix) throws YamlScalar.Refused {
        try {
            return Integer.parseInt(digits, radix);
        } catch (NumberFormatException bad) {
            throw invalid(digits, radix, bad);
        }
    }

    private static YamlScalar.Refused invalid(String digits, int radix, NumberFormatException bad) {
        return new YamlScalar.Refused("Invalid base-" + radix + " number ('" + digits + "'), problem: " + bad.getMessage());
    }

    private static String withoutUnderscores(String text) {
        return text.indexOf('_') < 0 ? text : text.replace("_", "");
    }
}
