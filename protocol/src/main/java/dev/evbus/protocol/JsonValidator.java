package dev.evbus.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Strict RFC 8259 validation over UTF-8 bytes, for {@link PublishScanner}. Each method takes the
 * index of a value's first byte and returns the index just past it, or {@link #FAIL}.
 *
 * <p>It must never accept what Jackson rejects, because an accepted frame skips Jackson. So it is
 * narrower than Jackson where Jackson is lenient (Jackson lets overlong UTF-8, encoded surrogates
 * and code points above U+10FFFF through in strings it skips; this accepts RFC 3629 UTF-8 only) and
 * applies the limits of Jackson's {@link StreamReadConstraints}. FAIL means "not certain", never
 * "invalid": the caller hands the frame to Jackson, which gives the verdict and the message.
 */
final class JsonValidator {
    static final int FAIL = -1;
    /** Digits that always fit a long, so Jackson's {@code getLongValue} cannot overflow on them. */
    private static final int SAFE_LONG_DIGITS = 18;

    /** Replaced by {@link #reset}: a connection's scanner keeps one validator for all its frames. */
    private byte[] b;
    private int end;
    private final StreamReadConstraints limits;
    /** Bit per open container of {@link #value}: set for an object, clear for an array. Grows past 64 levels. */
    private long[] kinds = new long[1];

    JsonValidator(byte[] buffer, int end, StreamReadConstraints limits) {
        this.b = buffer;
        this.end = end;
        this.limits = limits;
    }

    /** Validates {@code buffer} up to {@code end} from now on, keeping the container stack it grew. */
    void reset(byte[] buffer, int end) {
        this.b = buffer;
        this.end = end;
    }

    /** The first index from {@code i} that is not JSON white space (possibly {@code end}). */
    int skipWhitespace(int i) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Whether {@code b[i]} exists and is {@code c}. */
    boolean at(int i, char c) {
        return i < end && b[i] == c;
    }

    /**
     * Any value; {@code depth} is how many arrays and objects enclose it (the frame object counts).
     * A loop with its own stack of open containers, not a recursion: a thousand levels, Jackson's
     * limit, would need more stack than a connection's thread has.
     */
    int value(int i, int depth) {
        int open = 0;
        while (true) {
            if (i >= end) {
                return FAIL;
            }
            byte c = b[i];
            if (c == '{' || c == '[') {
                if (depth + open >= limits.getMaxNestingDepth()) {
                    return FAIL;
                }
                boolean object = c == '{';
                push(open++, object);
                i = skipWhitespace(i + 1);
                if (!at(i, object ? '}' : ']')) {
                    i = object ? member(i) : i;
                    if (i == FAIL) {
                        return FAIL;
                    }
                    continue; // the container's first value starts at i
                }
                open--;
                i++;
            } else {
                i = scalar(i, c);
                if (i == FAIL) {
                    return FAIL;
                }
            }
            // After a value: close what ends here, until a comma opens the next value or nothing is open.
            while (true) {
                if (open == 0) {
                    return i;
                }
                i = skipWhitespace(i);
                boolean object = isObject(open - 1);
                if (at(i, ',')) {
                    i = skipWhitespace(i + 1);
                    i = object ? member(i) : i;
                    if (i == FAIL) {
                        return FAIL;
                    }
                    break;
                }
                if (!at(i, object ? '}' : ']')) {
                    return FAIL;
                }
                open--;
                i++;
            }
        }
    }

    /** A member's name and colon; returns where its value starts. */
    private int member(int i) {
        i = name(i);
        if (i == FAIL || !at(i = skipWhitespace(i), ':')) {
            return FAIL;
        }
        return skipWhitespace(i + 1);
    }

    private int scalar(int i, byte first) {
        return switch (first) {
            case '"' -> string(i, JsonStrings.Escapes.ALL);
            case 't' -> literal(i, "true");
            case 'f' -> literal(i, "false");
            case 'n' -> literal(i, "null");
            default -> number(i);
        };
    }

    /** Records whether the container at nesting {@code level} (0 = outermost opened by this call) is an object. */
    private void push(int level, boolean object) {
        int word = level >>> 6;
        if (word >= kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, Math.max(word + 1, kinds.length * 2));
        }
        long bit = 1L << level;
        kinds[word] = object ? kinds[word] | bit : kinds[word] & ~bit;
    }

    private boolean isObject(int level) {
        return (kinds[level >>> 6] & (1L << level)) != 0;
    }

    /** A member name: a string Jackson decodes and measures, so its length limit applies (bytes ≥ chars). */
    int name(int i) {
        int after = at(i, '"') ? string(i, JsonStrings.Escapes.NO_SURROGATES) : FAIL;
        return after != FAIL && after - i - 2 <= limits.getMaxNameLength() ? after : FAIL;
    }

    /** A string starting at its opening quote. */
    int string(int i, JsonStrings.Escapes escapes) {
        return JsonStrings.skip(b, end, i, escapes);
    }

    /** The literal {@code word} ({@code true}, {@code false}, {@code null}) at {@code i}. */
    int literal(int i, String word) {
        int n = word.length();
        if (i + n > end) {
            return FAIL;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return FAIL;
            }
        }
        return i + n;
    }

    /** {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}, no longer than Jackson's number limit. */
    int number(int start) {
        int i = start;
        if (at(i, '-')) {
            i++;
        }
        if (at(i, '0')) {
            i++;
        } else if (digit(i)) {
            i = digits(i);
        } else {
            return FAIL;
        }
        if (at(i, '.')) {
            i = digit(i + 1) ? digits(i + 1) : FAIL;
        }
        if (i != FAIL && (at(i, 'e') || at(i, 'E'))) {
            i++;
            if (at(i, '+') || at(i, '-')) {
                i++;
            }
            i = digit(i) ? digits(i) : FAIL;
        }
        // Jackson counts digits only; the whole text is never shorter, so this errs towards falling back.
        return i != FAIL && i - start <= limits.getMaxNumberLength() ? i : FAIL;
    }

    private boolean digit(int i) {
        return i < end && b[i] >= '0' && b[i] <= '9';
    }

    private int digits(int i) {
        while (digit(i)) {
            i++;
        }
        return i;
    }

    /** Whether the number in {@code [from, to)} has neither fraction nor exponent, which Jackson calls an int. */
    boolean integer(int from, int to) {
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the number in {@code [from, to)} is an integer of at most {@link #SAFE_LONG_DIGITS}
     * digits, which {@link #longValue} reads exactly.
     */
    boolean shortInteger(int from, int to) {
        return to - from - (b[from] == '-' ? 1 : 0) <= SAFE_LONG_DIGITS && integer(from, to);
    }

    /** The {@link #shortInteger} in {@code [from, to)}. */
    long longValue(int from, int to) {
        boolean negative = b[from] == '-';
        long value = 0;
        for (int k = negative ? from + 1 : from; k < to; k++) {
            value = value * 10 + (b[k] - '0');
        }
        return negative ? -value : value;
    }

    /** Whether the bytes {@code [from, to)} are all ASCII. */
    boolean ascii(int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] < 0) {
                return false;
            }
        }
        return true;
    }
}
