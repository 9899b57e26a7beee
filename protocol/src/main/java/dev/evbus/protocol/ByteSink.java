package dev.evbus.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that frames are assembled in, so several frames leave in one write.
 * Unlike ByteArrayOutputStream it is unsynchronised and lets the owner reuse its buffer.
 * Not thread-safe.
 */
public final class ByteSink {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    public void write(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
    }

    /** Writes {@code text} as a JSON string, quotes included. */
    public void writeQuoted(String text) {
        int length = text.length();
        ensure(length + 2);
        int at = size;
        bytes[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                writeQuotedSlowly(text, false);
                return;
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        size = at;
    }

    /**
     * Writes {@code text} as a JSON string as Jackson's generator writes one: as {@link #writeQuoted}
     * does, but with every surrogate char, paired or not, as a {@code \\u} escape (a character
     * outside the BMP as two of them).
     */
    public void writeQuotedEscapingSurrogates(String text) {
        writeQuotedSlowly(text, true);
    }

    /**
     * The rare case, escapes or non-ASCII: Jackson's encoder knows every rule but throws on a
     * surrogate without its pair, which a decoded {@code \\ud800} escape gives. Such a char is
     * written back as that escape, as Jackson's generator writes it, so the text survives the wire;
     * so is every surrogate when {@code pairsToo}.
     */
    private void writeQuotedSlowly(String text, boolean pairsToo) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        write('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!pairsToo && Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                write(encoder.quoteAsUTF8(text.substring(from, i)));
                writeUnicodeEscape(c);
                from = i + 1;
            }
        }
        write(encoder.quoteAsUTF8(from == 0 ? text : text.substring(from)));
        write('"');
    }

    /** {@code \\uXXXX}, upper-case hex digits, as Jackson writes it. */
    private void writeUnicodeEscape(char c) {
        write('\\');
        write('u');
        for (int shift = 12; shift >= 0; shift -= 4) {
            write(HEX[(c >> shift) & 0xF]);
        }
    }

    public void writeDecimal(long value) {
        // Digits are taken from the negated value: -Long.MIN_VALUE does not exist, -Long.MAX_VALUE does.
        long negative = value;
        if (value < 0) {
            write('-');
        } else {
            negative = -value;
        }
        // Counted first, then written last to first in place: this runs twice per event delivered (offset, seq).
        int digits = 1;
        for (long bound = -10; negative <= bound; bound *= 10) {
            if (++digits == 19) {
                break; // the most a long has; the next bound would overflow
            }
        }
        ensure(digits);
        int at = size + digits;
        size = at;
        do {
            bytes[--at] = (byte) ('0' - (negative % 10));
            negative /= 10;
        } while (negative != 0);
    }

    public int size() {
        return size;
    }

    /** Forgets everything after the first {@code size} bytes. */
    public void truncate(int size) {
        if (size < 0 || size > this.size) {
            throw new IndexOutOfBoundsException(size);
        }
        this.size = size;
    }

    public void reset() {
        size = 0;
    }

    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
