package dev.evbus.pipeline.window;

import java.util.Map;
import java.util.TreeMap;

/**
 * A quantile sketch with 1 % relative accuracy (the DDSketch scheme): each value counts in the
 * bucket of its magnitude on a logarithmic scale, so a rank's value is known within 1 % whatever
 * the range, negatives included. Memory is bounded: at most {@link #MAX_BUCKETS} buckets per sign
 * (values from 1e-12 to 1e12 need about 2,800 in all); past that the smallest magnitudes merge, losing
 * accuracy there first. Magnitudes under 1e-12 count as zero.
 */
final class LogSketch {
    static final double RELATIVE_ACCURACY = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LN_GAMMA = Math.log(GAMMA);
    private static final double ZERO_BELOW = 1e-12;
    static final int MAX_BUCKETS = 2048;

    private final TreeMap<Integer, Long> positive = new TreeMap<>();
    private final TreeMap<Integer, Long> negative = new TreeMap<>();
    private long zeros;
    private long count;

    void add(double value) {
        count++;
        double magnitude = Math.abs(value);
        if (magnitude < ZERO_BELOW) {
            zeros++;
        } else {
            put(value > 0 ? positive : negative, (int) Math.ceil(Math.log(magnitude) / LN_GAMMA), 1);
        }
    }

    void addAll(LogSketch other) {
        count += other.count;
        zeros += other.zeros;
        other.positive.forEach((index, n) -> put(positive, index, n));
        other.negative.forEach((index, n) -> put(negative, index, n));
    }

    long count() {
        return count;
    }

    int buckets() {
        return positive.size() + negative.size();
    }

    /** The value of rank {@code rank} (1 = smallest) within 1 %; NaN when the sketch holds fewer values. */
    double valueAtRank(long rank) {
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : negative.descendingMap().entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return -valueOf(bucket.getKey());
            }
        }
        seen += zeros;
        if (seen >= rank) {
            return 0;
        }
        for (Map.Entry<Integer, Long> bucket : positive.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return valueOf(bucket.getKey());
            }
        }
        return Double.NaN;
    }

    private static void put(TreeMap<Integer, Long> side, int index, long n) {
        side.merge(index, n, Long::sum);
        if (side.size() > MAX_BUCKETS) {
            Map.Entry<Integer, Long> smallest = side.pollFirstEntry();
            side.merge(side.firstKey(), smallest.getValue(), Long::sum);
        }
    }

    /** The middle of bucket {@code index}: every value in it is within 1 % of this. */
    private static double valueOf(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }
}
