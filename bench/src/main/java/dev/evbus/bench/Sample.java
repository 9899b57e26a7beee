package dev.evbus.bench;

import java.util.Arrays;

/** Order statistics of a set of measurements (any unit). */
record Sample(long[] sorted) {

    static Sample of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Sample(copy);
    }

    int size() {
        return sorted.length;
    }

    /** The nearest-rank percentile, {@code fraction} in (0, 1]. */
    long percentile(double fraction) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no measurements");
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long median() {
        return percentile(0.5);
    }

    long max() {
        return percentile(1.0);
    }
}
