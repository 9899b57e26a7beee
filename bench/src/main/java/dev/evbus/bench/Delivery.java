package dev.evbus.bench;

import java.util.Arrays;

/** What each consumer of a rig printed during one run, and when its last line came. */
record Delivery(long[] delivered, long[] lastArrivalNanos) {

    long total() {
        return Arrays.stream(delivered).sum();
    }

    long latestArrivalNanos() {
        return Arrays.stream(lastArrivalNanos).max().orElse(0);
    }

    /** Events per second per consumer, each over its own span from {@code startNanos} to its last line. */
    double[] ratesSince(long startNanos) {
        double[] rates = new double[delivered.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = delivered[i] * 1e9 / Math.max(1, lastArrivalNanos[i] - startNanos);
        }
        return rates;
    }

    /** All consumers' events per second together, over the span to the last line anywhere. */
    double totalRateSince(long startNanos) {
        return total() * 1e9 / Math.max(1, latestArrivalNanos() - startNanos);
    }
}
