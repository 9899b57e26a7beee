package dev.evbus.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated frames without copying them. A frame longer than
 * the limit is skipped as it streams past, never buffered whole, and reported once.
 * Not thread-safe: one reader thread owns it.
 */
public final class FrameReader {
    public static final int MAX_FRAME = 1 << 20;
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxFrame;
    private byte[] buffer;
    /** Bytes {@code [start, end)} are read but not yet returned. */
    private int start;
    /** Stream offset of {@code buffer[0]}: lets file readers say where a bad line is. */
    private long base;
    private long lineOffset;
    private int end;
    private int frameOffset;
    private int frameLength;
    private boolean eof;
    /** Lines consumed so far, blank and oversized ones included. */
    private long lines;
    /** Whether the frame just returned ended with a newline, rather than with the end of the stream. */
    private boolean terminated;
    /** Runs before each read of the stream for a next frame; see {@link #beforeEachRead}. */
    private Runnable beforeRead = () -> { };

    public FrameReader(InputStream in) {
        this(in, MAX_FRAME);
    }

    public FrameReader(InputStream in, int maxFrame) {
        this(in, maxFrame, INITIAL_BUFFER);
    }

    /**
     * A reader whose buffer starts at {@code initialBuffer} bytes and grows only for a longer frame:
     * a server holding thousands of mostly silent connections keeps each one small.
     */
    public FrameReader(InputStream in, int maxFrame, int initialBuffer) {
        this.in = in;
        this.maxFrame = maxFrame;
        this.buffer = new byte[Math.max(1, Math.min(initialBuffer, maxFrame + 1))];
    }

    /** Grows the buffer to at least {@code bytes} (within the frame limit), keeping what it holds: fewer, larger reads. */
    public void reserve(int bytes) {
        int size = Math.min(bytes, maxFrame + 2);
        if (buffer.length < size) {
            buffer = Arrays.copyOf(buffer, size);
        }
    }

    /**
     * Advances to the next frame; false at end of stream. A final line without a newline still
     * counts as a frame. Blank lines are skipped.
     *
     * @throws FrameTooLargeException after skipping a frame over the limit; the next call goes on after it
     */
    public boolean next() throws IOException, FrameTooLargeException {
        while (true) {
            int newline = indexOfNewline(start, end);
            if (newline >= 0) {
                lines++;
                lineOffset = base + start;
                int length = newline - start;
                if (length > maxFrame) {
                    start = newline + 1;
                    throw new FrameTooLargeException(maxFrame);
                }
                frameOffset = start;
                frameLength = length;
                terminated = true;
                start = newline + 1;
                if (isBlank(frameOffset, frameLength)) {
                    continue;
                }
                return true;
            }
            if (end - start > maxFrame) {
                lines++;
                lineOffset = base + start;
                skipRestOfLine();
                throw new FrameTooLargeException(maxFrame);
            }
            if (eof || !fill()) {
                if (end > start) {
                    lines++;
                    lineOffset = base + start;
                    terminated = false;
                    frameOffset = start;
                    frameLength = end - start;
                    start = end;
                    if (isBlank(frameOffset, frameLength)) {
                        return false;
                    }
                    return true;
                }
                return false;
            }
        }
    }

    /**
     * False when the frame just returned was cut off by the end of the stream. The wire requires a
     * newline after every frame, so a peer that closes (or is closed) mid-frame sent nothing usable;
     * a file's last line, by contrast, often lacks one.
     */
    public boolean terminated() {
        return terminated;
    }

    /** The 1-based line number of the frame just returned, or of the oversized line just skipped. */
    public long lineNumber() {
        return lines;
    }

    /** The byte offset in the stream where the frame just returned, or the oversized line just skipped, began. */
    public long lineOffset() {
        return lineOffset;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int frameOffset() {
        return frameOffset;
    }

    public int frameLength() {
        return frameLength;
    }

    /**
     * Runs {@code action} whenever every complete frame read so far has been returned and the reader
     * is about to read the stream, which may wait: what was read is all handled.
     */
    public void beforeEachRead(Runnable action) {
        beforeRead = action;
    }

    /** Whether bytes of a next frame were already read from the stream; asks the stream nothing. */
    public boolean hasReadAhead() {
        return end > start;
    }

    /** Whether a complete or partial next frame is already buffered: the caller can wait to flush its output. */
    public boolean hasBuffered() throws IOException {
        return end > start || (!eof && in.available() > 0);
    }

    private boolean fill() throws IOException {
        if (start > 0) {
            base += start;
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxFrame + 2));
        }
        beforeRead.run();
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
            return false;
        }
        end += read;
        return true;
    }

    private void skipRestOfLine() throws IOException {
        base += end;
        start = end = 0;
        while (true) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                eof = true;
                return;
            }
            int newline = indexOfNewline(0, read);
            if (newline < 0) {
                base += read;
            }
            if (newline >= 0) {
                start = newline + 1;
                end = read;
                return;
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        return ByteScan.indexOf(buffer, from, to, (byte) '\n');
    }

    private boolean isBlank(int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
