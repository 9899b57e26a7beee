package dev.evbus.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the lines a consumer prints by counting newline bytes (no JSON parsing, so the bench
 * reads far faster than any consumer writes) and notes when the last one arrived. The first few
 * lines are also kept, so a bench can check what a consumer prints before timing it.
 */
final class OutputCounter implements Runnable {
    static final int HEAD_LINES = 8;
    private static final int HEAD_BYTES = 64 * 1024;
    private static final int READ_BYTES = 256 * 1024;

    private final InputStream in;
    private final LatencyRecorder latency;
    /** The first lines' bytes; written by the reading thread, read by the bench, guarded by itself. */
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    /** Set once the head is complete, so later reads skip it without locking. */
    private volatile boolean headFull;
    /** Lines in {@link #head}; guarded by it. */
    private int headLines;
    private volatile long lines;
    private volatile long lastArrivalNanos;
    private volatile boolean ended;

    /** {@code latency} may be null when only counts matter. */
    OutputCounter(InputStream in, LatencyRecorder latency) {
        this.in = in;
        this.latency = latency;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[READ_BYTES];
        try (in) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                long now = System.nanoTime();
                if (latency != null) {
                    latency.scan(buffer, read, now);
                }
                if (!headFull) {
                    keepHead(buffer, read);
                }
                int newlines = countNewlines(buffer, read);
                if (newlines > 0) {
                    lastArrivalNanos = now;
                    lines += newlines;
                }
            }
        } catch (IOException closed) {
            // the consumer went away; the count so far stands
        } finally {
            ended = true;
        }
    }

    /** Whether the stream has ended (or failed): {@link #lines} is final. */
    boolean ended() {
        return ended;
    }

    private void keepHead(byte[] buffer, int read) {
        synchronized (head) {
            for (int i = 0; i < read && !headFull; i++) {
                head.write(buffer[i]);
                headFull = buffer[i] == '\n' && ++headLines == HEAD_LINES || head.size() >= HEAD_BYTES;
            }
        }
    }

    /** The complete lines among the first {@link #HEAD_LINES}, without their newlines. */
    List<String> head() {
        String text;
        synchronized (head) {
            text = head.toString(StandardCharsets.UTF_8);
        }
        List<String> complete = Arrays.asList(text.split("\n", -1));
        return List.copyOf(complete.subList(0, complete.size() - 1));
    }

    static int countNewlines(byte[] buffer, int length) {
        int newlines = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                newlines++;
            }
        }
        return newlines;
    }

    long lines() {
        return lines;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }
}
