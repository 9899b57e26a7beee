package dev.evbus.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Pairs each output line's publish stamp (the payload's {@code "t"} field, nanoseconds since the
 * bench's origin) with the moment the line reached the bench. Both ends use this process's
 * {@code System.nanoTime()}, so no clocks need to agree.
 */
final class LatencyRecorder {
    private static final byte[] MARK = "\"t\":\"".getBytes(StandardCharsets.UTF_8);

    private final long origin;
    private final long[] stamps;
    private final long[] arrivals;
    private int count;
    private int matched;
    private boolean inDigits;
    private long digits;
    private long pendingStamp = -1;

    LatencyRecorder(long origin, int capacity) {
        this.origin = origin;
        this.stamps = new long[capacity];
        this.arrivals = new long[capacity];
    }

    /** Reads one chunk of consumer output that arrived at {@code now}; lines may span chunks. */
    synchronized void scan(byte[] chunk, int length, long now) {
        for (int i = 0; i < length; i++) {
            byte b = chunk[i];
            if (inDigits) {
                if (b >= '0' && b <= '9') {
                    digits = digits * 10 + (b - '0');
                    continue;
                }
                inDigits = false;
                pendingStamp = digits;
            }
            if (b == '\n') {
                if (pendingStamp >= 0 && count < stamps.length) {
                    stamps[count] = pendingStamp;
                    arrivals[count] = now - origin;
                    count++;
                }
                pendingStamp = -1;
                matched = 0;
            } else if (b == MARK[matched]) {
                matched++;
                if (matched == MARK.length) {
                    matched = 0;
                    inDigits = true;
                    digits = 0;
                }
            } else {
                matched = b == MARK[0] ? 1 : 0;
            }
        }
    }

    /** Latencies in nanoseconds of the events stamped at or after {@code fromStamp}. */
    synchronized long[] latenciesStampedFrom(long fromStamp) {
        long[] latencies = new long[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (stamps[i] >= fromStamp) {
                latencies[kept++] = arrivals[i] - stamps[i];
            }
        }
        return Arrays.copyOf(latencies, kept);
    }
}
