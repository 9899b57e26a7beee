package dev.evbus.pipeline.window;

import java.util.Arrays;

/**
 * A window's values for its percentiles: kept exactly up to {@link #EXACT_LIMIT} values (so small
 * windows get exact nearest-rank percentiles), then folded into a {@link LogSketch} (within 1 %),
 * so memory stays bounded however many events a window takes.
 */
public final class Quantiles {
    static final int EXACT_LIMIT = 1024;

    private double[] exact = new double[16];
    private int held;
    /** Null until more than {@link #EXACT_LIMIT} values came in. */
    private LogSketch sketch;

    public void add(double value) {
        if (sketch == null && held == EXACT_LIMIT) {
            sketch = new LogSketch();
            for (int i = 0; i < held; i++) {
                sketch.add(exact[i]);
            }
            exact = null;
        }
        if (sketch != null) {
            sketch.add(value);
            return;
        }
        if (held == exact.length) {
            exact = Arrays.copyOf(exact, Math.min(exact.length * 2, EXACT_LIMIT));
        }
        exact[held++] = value;
    }

    public void addAll(Quantiles other) {
        if (other.sketch == null) {
            for (int i = 0; i < other.held; i++) {
                add(other.exact[i]);
            }
            return;
        }
        if (sketch == null) {
            LogSketch folded = new LogSketch();
            for (int i = 0; i < held; i++) {
                folded.add(exact[i]);
            }
            sketch = folded;
            exact = null;
        }
        sketch.addAll(other.sketch);
    }

    public boolean isExact() {
        return sketch == null;
    }

    /** The nearest-rank {@code percentile} (0 < p ≤ 100); NaN when there is no value. */
    public double at(double percentile) {
        long count = sketch == null ? held : sketch.count();
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * count));
        if (sketch != null) {
            return sketch.valueAtRank(rank);
        }
        double[] sorted = Arrays.copyOf(exact, held);
        Arrays.sort(sorted);
        return sorted[(int) rank - 1];
    }
}
