package dev.evbus.sources.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** How the documents write numbers. */
final class Numbers {
    private Numbers() {
    }

    /**
     * Integral values as JSON integers (a sum of 15 reads {@code 15}, not {@code 15.0}); the rest as
     * doubles; null for a sum that overflowed to infinity (JSON has no infinity).
     */
    static JsonNode node(double value) {
        if (!Double.isFinite(value)) {
            return NullNode.instance;
        }
        boolean integral = value == Math.floor(value) && Math.abs(value) <= 1e15;
        return integral ? LongNode.valueOf((long) value) : DoubleNode.valueOf(value);
    }

    /** {@code p50}, {@code p99.9}: the percentile as the config wrote it. */
    static String percentileLabel(double percentile) {
        return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
    }
}
