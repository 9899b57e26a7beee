package dev.evbus.pipeline.window;

import dev.evbus.pipeline.Options;
import java.time.Duration;
import java.util.List;

/**
 * A window stage's options other than its jq expressions.
 *
 * @param paneNanos the slice windows are made of: gcd(size, every)
 */
record WindowSettings(long sizeNanos, long everyNanos, long paneNanos, boolean groupByType, Percentiles percentiles) {
    /** Panes a window may span; more would make every emission slow and the state large. */
    static final long MAX_PANES = 3_600;

    static WindowSettings read(Options options) {
        String mode = options.string("mode", "tumbling");
        Duration size = options.duration("size", Duration.ofSeconds(60));
        if (size.isZero()) {
            options.problem("size", "must be more than 0");
            size = Duration.ofSeconds(60);
        }
        Duration every = size;
        switch (mode) {
            case "tumbling" -> {
                if (options.has("every")) {
                    options.problem("every", "is for mode: sliding (a tumbling window emits once per size)");
                }
                options.raw("every");
            }
            case "sliding" -> every = options.duration("every", Duration.ofSeconds(10));
            default -> options.problem("mode", "must be tumbling or sliding, not \"" + mode + "\"");
        }
        if (every.isZero() || every.compareTo(size) > 0) {
            options.problem("every", "must be more than 0 and at most size (" + size.toMillis() + " ms)");
            every = size;
        }
        long pane = gcd(size.toNanos(), every.toNanos());
        if (size.toNanos() / pane > MAX_PANES) {
            options.problem("every", "size / every needs " + size.toNanos() / pane + " slices of time; at most " + MAX_PANES
                    + " (make size a multiple of every)");
            pane = size.toNanos();
        }
        return new WindowSettings(size.toNanos(), every.toNanos(), pane, options.bool("group_by_type", true),
                Percentiles.read(options, "percentiles", List.of()));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
