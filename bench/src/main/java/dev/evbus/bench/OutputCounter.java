package dev.evbus.bench;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the lines a consumer prints by counting newline bytes (no JSON parsing, so the bench
 * reads far faster than any consumer writes) and notes when the last one arrived.
 */
final class OutputCounter implements Runnable {
    private static final int READ_BYTES = 256 * 1024;

    private final InputStream in;
    private final LatencyRecorder latency;
    private volatile long lines;
    private volatile long lastArrivalNanos;

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
                int newlines = countNewlines(buffer, read);
                if (newlines > 0) {
                    lastArrivalNanos = now;
                    lines += newlines;
                }
            }
        } catch (IOException closed) {
            // the consumer went away; the count so far stands
        }
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
