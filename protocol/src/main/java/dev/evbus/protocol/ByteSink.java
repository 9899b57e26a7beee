package dev.evbus.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that frames are assembled in, so several frames leave in one write.
 * Unlike ByteArrayOutputStream it is unsynchronised and lets the owner reuse its buffer.
 * Not thread-safe.
 */
public final class ByteSink {
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
                // rare: escapes or non-ASCII; Jackson's encoder knows every rule
                write('"');
                write(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsUTF8(text));
                write('"');
                return;
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        size = at;
    }

    public void writeDecimal(long value) {
        // Digits are taken from the negated value: -Long.MIN_VALUE does not exist, -Long.MAX_VALUE does.
        long negative = value;
        if (value < 0) {
            write('-');
        } else {
            negative = -value;
        }
        ensure(20);
        int start = size;
        do {
            bytes[size++] = (byte) ('0' - (negative % 10));
            negative /= 10;
        } while (negative != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
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
