package dev.evbus.sources.stats;

import java.util.Arrays;

/**
 * Percentiles within 1 % (the DDSketch scheme: each value counts in the bucket of its magnitude on
 * a logarithmic scale) over plain arrays, so adding a value on the publish thread allocates
 * nothing once a sign's array exists. Each sign keeps {@link #SPAN} consecutive buckets (values
 * spanning 1 to 1e17 fit); a magnitude below the kept span counts in its lowest bucket, so
 * accuracy goes at the small end first. Magnitudes under 1e-12 count as zero.
 * Not thread-safe: a slice's lock guards it.
 *
 * <p>{@code dev.evbus.pipeline.window.LogSketch} is the same scheme over a boxed tree map, package-private
 * to the pipeline; this one trades 16 KiB per sign for an allocation-free {@link #add}.
 */
final class LogBuckets {
    static final double RELATIVE_ACCURACY = 0.01;
    static final int SPAN = 2048;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LN_GAMMA = Math.log(GAMMA);
    private static final double ZERO_BELOW = 1e-12;

    private final Side positive = new Side();
    private final Side negative = new Side();
    private long zeros;
    private long count;

    void add(double value) {
        count++;
        double magnitude = Math.abs(value);
        if (magnitude < ZERO_BELOW) {
            zeros++;
        } else {
            (value > 0 ? positive : negative).add((int) Math.ceil(Math.log(magnitude) / LN_GAMMA), 1);
        }
    }

    void addAll(LogBuckets other) {
        count += other.count;
        zeros += other.zeros;
        positive.addAll(other.positive);
        negative.addAll(other.negative);
    }

    /** Empties it for reuse, keeping its arrays. */
    void clear() {
        count = 0;
        zeros = 0;
        positive.clear();
        negative.clear();
    }

    long count() {
        return count;
    }

    /** The value of rank {@code rank} (1 = smallest) within 1 %; NaN when it holds fewer values. */
    double valueAtRank(long rank) {
        long seen = 0;
        for (int index = negative.highest; index >= negative.lowest; index--) {
            seen += negative.at(index);
            if (seen >= rank) {
                return -middle(index);
            }
        }
        seen += zeros;
        if (seen >= rank) {
            return 0;
        }
        for (int index = positive.lowest; index <= positive.highest; index++) {
            seen += positive.at(index);
            if (seen >= rank) {
                return middle(index);
            }
        }
        return Double.NaN;
    }

    /** Every value in bucket {@code index} is within 1 % of this. */
    private static double middle(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    /** One sign's buckets: {@code counts[i]} is bucket {@code offset + i}; used ones lie in [lowest, highest]. */
    private static final class Side {
        private long[] counts;
        private int offset;
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;

        void add(int index, long n) {
            if (counts == null) {
                counts = new long[SPAN];
            }
            if (lowest > highest) {
                offset = index - SPAN / 2; // empty: centre the span on the first value
            } else if (index >= offset + SPAN) {
                shiftUp(index - SPAN + 1);
            } else if (index < offset) {
                if (highest - index < SPAN) {
                    shiftDown(index);
                } else {
                    index = offset;
                }
            }
            counts[index - offset] += n;
            lowest = Math.min(lowest, index);
            highest = Math.max(highest, index);
        }

        void addAll(Side other) {
            for (int index = other.lowest; index <= other.highest; index++) {
                long n = other.at(index);
                if (n != 0) {
                    add(index, n);
                }
            }
        }

        long at(int index) {
            return counts[index - offset];
        }

        void clear() {
            if (lowest <= highest) {
                Arrays.fill(counts, lowest - offset, highest - offset + 1, 0);
            }
            lowest = Integer.MAX_VALUE;
            highest = Integer.MIN_VALUE;
        }

        /** Moves the kept span up to start at {@code newOffset}, folding the buckets below it into its first. */
        private void shiftUp(int newOffset) {
            int delta = newOffset - offset;
            long folded = 0;
            for (int i = 0; i < Math.min(delta, SPAN); i++) {
                folded += counts[i];
            }
            if (delta < SPAN) {
                System.arraycopy(counts, delta, counts, 0, SPAN - delta);
                Arrays.fill(counts, SPAN - delta, SPAN, 0);
            } else {
                Arrays.fill(counts, 0);
            }
            counts[0] += folded;
            offset = newOffset;
            if (lowest < newOffset) {
                lowest = newOffset;
                highest = Math.max(highest, newOffset);
            }
        }

        /** Moves the kept span down to start at {@code newOffset}; nothing is lost (the highest used bucket stays in it). */
        private void shiftDown(int newOffset) {
            int delta = offset - newOffset;
            System.arraycopy(counts, 0, counts, delta, SPAN - delta);
            Arrays.fill(counts, 0, delta, 0);
            offset = newOffset;
        }
    }
}
