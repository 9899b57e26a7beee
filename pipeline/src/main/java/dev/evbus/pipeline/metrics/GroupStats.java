package dev.evbus.pipeline.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.window.Percentiles;
import dev.evbus.pipeline.window.Quantiles;

/**
 * What one group (such as one type and source) did in one interval: how many events went
 * through, their size as compact JSON, and their lag (the report clock minus the event's time).
 * Bounded: lag percentiles go through {@link Quantiles}.
 */
final class GroupStats {
    private long processed;
    private long bytes;
    private long maxBytes;
    private long lagged;
    private double lagSum;
    private long lagMin = Long.MAX_VALUE;
    private long lagMax = Long.MIN_VALUE;
    /** Null when the stage reports no percentiles. */
    private final Quantiles lags;

    GroupStats(boolean percentiles) {
        this.lags = percentiles ? new Quantiles() : null;
    }

    /** One event of {@code size} bytes; {@code lagMillis} null when it had no time. */
    void add(long size, Long lagMillis) {
        processed++;
        bytes += size;
        maxBytes = Math.max(maxBytes, size);
        if (lagMillis != null) {
            lagged++;
            lagSum += lagMillis;
            lagMin = Math.min(lagMin, lagMillis);
            lagMax = Math.max(lagMax, lagMillis);
            if (lags != null) {
                lags.add(lagMillis);
            }
        }
    }

    /** Writes {@code processed}, {@code bytes} and {@code lag_ms} (null when no event had a time) into {@code out}. */
    void writeTo(ObjectNode out, Percentiles percentiles) {
        out.put("processed", processed);
        ObjectNode size = out.putObject("bytes");
        size.put("total", bytes);
        size.set("avg", Percentiles.number(round((double) bytes / processed)));
        size.put("max", maxBytes);
        if (lagged == 0) {
            out.set("lag_ms", JsonNodeFactory.instance.nullNode());
            return;
        }
        ObjectNode lag = out.putObject("lag_ms");
        lag.set("avg", Percentiles.number(round(lagSum / lagged)));
        lag.put("min", lagMin);
        lag.put("max", lagMax);
        if (lags != null) {
            percentiles.write(lags, lag);
        }
    }

    /** A tenth of a byte or millisecond is as fine as these figures mean anything. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
