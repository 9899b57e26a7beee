package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a stage's periodic reports go when the key names no sink for them; a consumer prints each
 * as one {@code [event] KIND JSON} line on stderr, beside its warnings and away from its output.
 */
@FunctionalInterface
public interface Reports {
    /** Nowhere: for checks and replays, which run no stream to report on. */
    Reports NONE = (kind, report) -> { };

    void report(String kind, JsonNode report);
}
