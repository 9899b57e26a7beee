package dev.evbus.protocol;

import static dev.evbus.protocol.JsonValidator.FAIL;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The string part of {@link JsonValidator}: a JSON string's escapes and its UTF-8, checked
 * strictly (RFC 3629: no overlong forms, no encoded surrogates, nothing past U+10FFFF) and eight
 * plain bytes a step, since most of a payload is long runs of them. Static, so validating a frame
 * allocates nothing.
 */
final class JsonStrings {
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

    private JsonStrings() {
    }

    /** A string starting at its opening quote in {@code b} (valid up to {@code end}); the index past its closing quote, or FAIL. */
    static int skip(byte[] b, int end, int i, Escapes escapes) {
        i++;
        while ((i = skipPlain(b, end, i)) < end) {
            int c = b[i] & 0xFF;
            if (PLAIN[c]) {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c >= 0x80) {
                i = utf8(b, end, i);
            } else if (c == '\\' && escapes != Escapes.NONE) {
                i = escape(b, end, i, escapes);
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
    private static int skipPlain(byte[] b, int end, int i) {
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

    private static int escape(byte[] b, int end, int i, Escapes escapes) {
        if (i + 1 >= end) {
            return FAIL;
        }
        return switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i + 2;
            case 'u' -> unicodeEscape(b, end, i, escapes);
            default -> FAIL;
        };
    }

    private static int unicodeEscape(byte[] b, int end, int i, Escapes escapes) {
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
    private static int utf8(byte[] b, int end, int i) {
        int lead = b[i] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return continuation(b, end, i + 1, 0x80, 0xBF, 1);
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            int low = lead == 0xE0 ? 0xA0 : 0x80;
            int high = lead == 0xED ? 0x9F : 0xBF;
            return continuation(b, end, i + 1, low, high, 2);
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            int low = lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xF4 ? 0x8F : 0xBF;
            return continuation(b, end, i + 1, low, high, 3);
        }
        return FAIL;
    }

    /** {@code count} continuation bytes from {@code i}, the first within [low, high] (which rules out overlong forms and surrogates). */
    private static int continuation(byte[] b, int end, int i, int low, int high, int count) {
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
}
