package dev.evbus.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    /** Which backslash escapes a string may hold. */
    enum Escapes {
        /** None: the bytes between the quotes are exactly the string's UTF-8. */
        NONE,
        /** No {@code \\u} escape of a surrogate: Jackson checks their pairing in member names only, so leave that to it. */
        NO_SURROGATES,
        ALL
    }

    /** Bytes that may stand in a string as they are: printable ASCII other than quote and backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    /** Eight bytes at a time, lowest address in the lowest byte, so the first special byte is the lowest flagged one. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] b;
    private final int end;
    private final StreamReadConstraints limits;
    /** Bit per open container of {@link #value}: set for an object, clear for an array. Grows past 64 levels. */
    private long[] kinds = new long[1];

    JsonValidator(byte[] buffer, int end, StreamReadConstraints limits) {
        this.b = buffer;
        this.end = end;
        this.limits = limits;
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
            case '"' -> string(i, Escapes.ALL);
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
        int after = at(i, '"') ? string(i, Escapes.NO_SURROGATES) : FAIL;
        return after != FAIL && after - i - 2 <= limits.getMaxNameLength() ? after : FAIL;
    }

    /** A string starting at its opening quote. */
    int string(int i, Escapes escapes) {
        i++;
        while ((i = skipPlain(i)) < end) {
            int c = b[i] & 0xFF;
            if (PLAIN[c]) {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c >= 0x80) {
                i = utf8(i);
            } else if (c == '\\' && escapes != Escapes.NONE) {
                i = escape(i, escapes);
            } else {
                return FAIL; // a raw control character, or an escape the caller does not want
            }
            if (i == FAIL) {
                return FAIL;
            }
        }
        return FAIL;
    }

    /**
     * The first index from {@code i} that may not be a {@link #PLAIN} byte, eight bytes a step: most
     * of a payload is long runs of them. A byte's high bit is set below when it is a control
     * character (subtracting 0x20 borrows), a quote or backslash (xor leaves 0, and subtracting 1
     * borrows), or not ASCII. A borrow only carries upwards from a byte that is itself flagged, so
     * the lowest flagged byte is exact.
     */
    private int skipPlain(int i) {
        while (i + Long.BYTES <= end) {
            long x = (long) LONGS.get(b, i);
            long flagged = ((x - 0x20 * ONES) | ((x ^ '"' * ONES) - ONES) | ((x ^ '\\' * ONES) - ONES) | x) & HIGHS;
            if (flagged != 0) {
                return i + (Long.numberOfTrailingZeros(flagged) >>> 3);
            }
            i += Long.BYTES;
        }
        return i;
    }

    private int escape(int i, Escapes escapes) {
        if (i + 1 >= end) {
            return FAIL;
        }
        return switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i + 2;
            case 'u' -> unicodeEscape(i, escapes);
            default -> FAIL;
        };
    }

    private int unicodeEscape(int i, Escapes escapes) {
        if (i + 6 > end) {
            return FAIL;
        }
        int code = 0;
        for (int k = i + 2; k < i + 6; k++) {
            int digit = Character.digit(b[k], 16);
            if (digit < 0) {
                return FAIL;
            }
            code = code << 4 | digit;
        }
        boolean surrogate = code >= 0xD800 && code <= 0xDFFF;
        return surrogate && escapes == Escapes.NO_SURROGATES ? FAIL : i + 6;
    }

    /** One multi-byte UTF-8 sequence, well-formed per RFC 3629 table 3-7: no overlong forms, no surrogates, ≤ U+10FFFF. */
    private int utf8(int i) {
        int lead = b[i] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return continuation(i + 1, 0x80, 0xBF, 1);
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            int low = lead == 0xE0 ? 0xA0 : 0x80;
            int high = lead == 0xED ? 0x9F : 0xBF;
            return continuation(i + 1, low, high, 2);
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            int low = lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xF4 ? 0x8F : 0xBF;
            return continuation(i + 1, low, high, 3);
        }
        return FAIL;
    }

    /** {@code count} continuation bytes from {@code i}, the first within [low, high] (which rules out overlong forms and surrogates). */
    private int continuation(int i, int low, int high, int count) {
        if (i + count > end) {
            return FAIL;
        }
        int first = b[i] & 0xFF;
        if (first < low || first > high) {
            return FAIL;
        }
        for (int k = 1; k < count; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return FAIL;
            }
        }
        return i + count;
    }

    private int literal(int i, String word) {
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
}
