package dev.evbus.pipeline.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.pipeline.window.Percentiles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One interval's groups, in the order they first appeared. Bounded: at most
 * {@link #GROUP_LIMIT} groups are told apart; later ones count under a group whose every label is
 * {@link #OTHER}, so an event field with unbounded values cannot grow the report without end.
 */
final class MetricsWindow {
    static final int GROUP_LIMIT = 1_000;
    static final String OTHER = "(other)";

    private final List<String> names;
    private final boolean percentiles;
    private final Map<List<JsonNode>, GroupStats> groups = new LinkedHashMap<>();
    private final List<JsonNode> other;
    private boolean capped;

    MetricsWindow(List<String> names, boolean percentiles) {
        this.names = names;
        this.percentiles = percentiles;
        this.other = Collections.nCopies(names.size(), TextNode.valueOf(OTHER));
    }

    void add(List<JsonNode> labels, long bytes, Long lagMillis) {
        GroupStats stats = groups.get(labels);
        if (stats == null) {
            List<JsonNode> key = labels;
            if (groups.size() >= GROUP_LIMIT) {
                key = other;
                capped = true;
            }
            stats = groups.computeIfAbsent(key, k -> new GroupStats(percentiles));
        }
        stats.add(bytes, lagMillis);
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    /** Whether some group was counted under {@link #OTHER}. */
    boolean capped() {
        return capped;
    }

    /** {@code {"window":{"start","end"},"metrics":[{LABELS…,"processed","bytes","lag_ms"}]}}. */
    ObjectNode toJson(String start, String end, Percentiles percentiles) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.putObject("window").put("start", start).put("end", end);
        ArrayNode metrics = report.putArray("metrics");
        groups.forEach((labels, stats) -> {
            ObjectNode group = metrics.addObject();
            for (int i = 0; i < names.size(); i++) {
                group.set(names.get(i), labels.get(i));
            }
            stats.writeTo(group, percentiles);
        });
        return report;
    }
}
