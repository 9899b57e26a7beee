package dev.evbus.keyfiles;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.Reader;

/**
 * A key file's bytes as characters, decoded as jackson-dataformat-yaml's own UTF-8 reader decodes
 * a byte array (the reader key files were read with before {@link YamlTokens}): leniently (an
 * overlong form or an encoded surrogate passes), and failing with its messages, at the same
 * {@code read} call, so SnakeYAML sees the same characters and a broken file gets the same problem
 * at the same line. That includes its counting quirk: near the end of the input its byte position
 * counts the bytes already read twice. Not thread-safe: one per read.
 */
final class Utf8Chars extends Reader {
    private final byte[] bytes;
    private int next;
    /** The second half of a surrogate pair that did not fit the caller's buffer; -1 if none. */
    private int pendingLowSurrogate = -1;
    /** Characters and bytes handed out so far, for the error messages. */
    private int charCount;
    private int byteCount;
    private boolean ended;

    Utf8Chars(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read(char[] out, int start, int length) throws IOException {
        if (ended) {
            return -1;
        }
        int end = start + length;
        int outAt = start;
        if (pendingLowSurrogate >= 0) {
            out[outAt++] = (char) pendingLowSurrogate;
            pendingLowSurrogate = -1;
            if (next >= bytes.length) {
                charCount += 1;
                return 1;
            }
        } else {
            int left = bytes.length - next;
            if (left < 4 && (left < 1 || bytes[next] < 0) && !loadMore(left)) {
                return -1;
            }
        }
        int at = next;
        while (outAt < end) {
            int c = bytes[at++];
            if (c >= 0) {
                out[outAt++] = (char) c;
                if (at >= bytes.length) {
                    break;
                }
                continue;
            }
            int needed;
            if ((c & 0xE0) == 0xC0) {
                c &= 0x1F;
                needed = 1;
            } else if ((c & 0xF0) == 0xE0) {
                c &= 0x0F;
                needed = 2;
            } else if ((c & 0xF8) == 0xF0) {
                c &= 0x0F;
                needed = 3;
            } else {
                throw invalid("start", c & 0xFF, byteCount + next - 1, charCount + outAt - start + 1);
            }
            if (bytes.length - at < needed) {
                at--; // an incomplete last character: left for the next call, which reports it
                break;
            }
            for (int i = 0; i < needed; i++) {
                int d = bytes[at++];
                if ((d & 0xC0) != 0x80) {
                    throw invalid("middle", d & 0xFF, byteCount + next - 1, charCount + outAt - start);
                }
                c = (c << 6) | (d & 0x3F);
            }
            if (needed == 3) {
                c -= 0x10000;
                out[outAt++] = (char) (0xD800 + (c >> 10));
                c = 0xDC00 | (c & 0x03FF);
                if (outAt >= end) {
                    pendingLowSurrogate = c;
                    break;
                }
            }
            out[outAt++] = (char) c;
            if (at >= bytes.length) {
                break;
            }
        }
        next = at;
        charCount += outAt - start;
        return outAt - start;
    }

    /**
     * What the original does when fewer than four bytes are left and the next is not ASCII: counts
     * the bytes before them again (its buffer is the caller's array, which it never shifts), and
     * fails on a character the input ends inside.
     */
    private boolean loadMore(int left) throws IOException {
        byteCount += bytes.length - left;
        if (left == 0) {
            ended = true;
            return false;
        }
        int lead = bytes[next];
        int needed = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
        if (next + needed > bytes.length) {
            ended = true;
            throw new CharConversionException("Unexpected EOF in the middle of a multi-byte char: got " + left + ", needed "
                    + needed + ", at char #" + charCount + ", byte #" + (byteCount + left) + ")");
        }
        return true;
    }

    /**
     * The original reports the byte position from where the call started, not from the bad byte
     * (it updates its pointer only on return): kept, as the position is part of the message.
     */
    private static CharConversionException invalid(String which, int value, int bytePosition, int charPosition) {
        return new CharConversionException("Invalid UTF-8 " + which + " byte 0x" + Integer.toHexString(value)
                + " (at char #" + charPosition + ", byte #" + bytePosition + ")");
    }

    @Override
    public void close() {
        ended = true;
    }
}
