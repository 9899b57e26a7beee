package dev.evbus.sources.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Cuts one open file into lines from a byte position, reading bounded chunks: a line is held whole
 * only up to {@code maxLine} bytes; a longer one is scanned past without being kept. A last line
 * without its newline is left unread (its start stays the position) until the newline arrives,
 * except in a final read of a file nobody will append to again. Not thread-safe: only the poller
 * uses it.
 */
final class LineScanner {
    private static final int CHUNK = 64 * 1024;

    /** Receives what the scanner finds, in file order. */
    interface Lines {
        /** A complete line of {@code length} bytes (no newline), valid until this call returns. */
        void line(byte[] bytes, int length, long startOffset);

        /** The line starting at {@code startOffset} is longer than the limit; it is being skipped. */
        void overLong(long startOffset);
    }

    private final int maxLine;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private byte[] line = new byte[1024];
    private long position;
    /** While skipping an over-long line: how far it has been scanned; -1 otherwise. */
    private long skipScanned = -1;

    LineScanner(int maxLine, long position) {
        this.maxLine = maxLine;
        this.position = position;
    }

    /** Where the next unread line starts: every line before it was handed out or skipped. */
    long position() {
        return position;
    }

    /** How far the file has been read: past the position while an over-long line is being skipped. */
    long scanned() {
        return Math.max(position, skipScanned);
    }

    /** Starts again at {@code offset} (a truncated file), forgetting a skip in progress. */
    void reset(long offset) {
        position = offset;
        skipScanned = -1;
    }

    /**
     * Hands out the lines between the position and {@code end}, at most {@code maxLines} of them.
     * With {@code last}, a final line without a newline counts as a line too.
     *
     * @return how many lines were handed out or skipped (0: nothing complete to read)
     */
    int scan(FileChannel file, long end, int maxLines, boolean last, Lines sink) throws IOException {
        int count = 0;
        int held = 0;
        long at = skipScanned >= 0 ? skipScanned : position;
        while (at < end && count < maxLines) {
            chunk.clear().limit((int) Math.min(CHUNK, end - at));
            int read = file.read(chunk, at);
            if (read <= 0) {
                break; // shrank under us; the next poll sees the truncation
            }
            byte[] bytes = chunk.array();
            int from = 0;
            while (from < read && count < maxLines) {
                int newline = indexOf(bytes, from, read);
                int stop = newline < 0 ? read : newline;
                if (skipScanned < 0) {
                    if (held + stop - from > maxLine) {
                        sink.overLong(position);
                        skipScanned = at + stop;
                        held = 0;
                    } else {
                        hold(bytes, from, stop - from, held);
                        held += stop - from;
                    }
                }
                if (newline < 0) {
                    break;
                }
                long lineStart = position;
                position = at + newline + 1;
                count++;
                if (skipScanned >= 0) {
                    skipScanned = -1;
                } else {
                    sink.line(line, held, lineStart);
                }
                held = 0;
                from = newline + 1;
            }
            at += from < read && count >= maxLines ? from : read;
            if (skipScanned >= 0) {
                skipScanned = at;
            }
        }
        if (last && at >= end && position < end && count < maxLines) {
            long lineStart = position;
            position = end;
            count++;
            if (skipScanned >= 0) {
                skipScanned = -1;
            } else {
                sink.line(line, held, lineStart);
            }
        }
        return count;
    }

    private void hold(byte[] bytes, int from, int length, int held) {
        if (held + length > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, held + length), maxLine));
        }
        System.arraycopy(bytes, from, line, held, length);
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
