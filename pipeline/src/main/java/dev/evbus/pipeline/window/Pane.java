package dev.evbus.pipeline.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The aggregate of the items in one slice of time; a window is the merge of its panes. Bounded:
 * at most {@link #DISTINCT_LIMIT} distinct values and {@link #TYPE_LIMIT} event types are told
 * apart (more types count under {@link #OTHER_TYPES}), and percentiles go through {@link Quantiles}.
 */
final class Pane {
    static final int DISTINCT_LIMIT = 10_000;
    static final int TYPE_LIMIT = 1_000;
    static final String OTHER_TYPES = "(other)";

    /** The slice's number: its start is the window origin plus {@code index} panes. */
    final long index;
    private long count;
    private long numeric;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final Set<String> distinct = new HashSet<>();
    private boolean distinctCapped;
    private final Map<String, Long> byType = new LinkedHashMap<>();
    /** Null when the stage computes no percentiles. */
    private final Quantiles quantiles;

    Pane(long index, boolean percentiles) {
        this.index = index;
        this.quantiles = percentiles ? new Quantiles() : null;
    }

    /** One item: {@code value} null when it had no finite number, {@code source} null when it had none. */
    void add(Double value, String source, String type) {
        count++;
        if (value != null) {
            numeric++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (quantiles != null) {
                quantiles.add(value);
            }
        }
        if (source != null) {
            addDistinct(source);
        }
        countType(type, 1);
    }

    void addAll(Pane other) {
        count += other.count;
        numeric += other.numeric;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (quantiles != null) {
            quantiles.addAll(other.quantiles);
        }
        other.distinct.forEach(this::addDistinct);
        distinctCapped |= other.distinctCapped;
        other.byType.forEach(this::countType);
    }

    long count() {
        return count;
    }

    /** Whether some distinct value was not told apart because of {@link #DISTINCT_LIMIT}. */
    boolean distinctCapped() {
        return distinctCapped;
    }

    /** SPEC §12's aggregate object; numbers with no value to speak of (no numeric item) are null. */
    ObjectNode toJson(String start, String end, Percentiles percentiles, boolean groupByType) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode();
        out.putObject("window").put("start", start).put("end", end);
        out.put("count", count);
        out.set("sum", number(sum));
        out.set("avg", numeric == 0 ? json.nullNode() : number(sum / numeric));
        out.set("min", numeric == 0 ? json.nullNode() : number(min));
        out.set("max", numeric == 0 ? json.nullNode() : number(max));
        out.put("distinctSources", distinct.size());
        if (groupByType) {
            ObjectNode types = out.putObject("eventsByType");
            byType.forEach(types::put);
        }
        if (quantiles != null) {
            percentiles.write(quantiles, out.putObject("percentiles"));
        }
        return out;
    }

    private void addDistinct(String source) {
        if (distinct.size() < DISTINCT_LIMIT) {
            distinct.add(source);
        } else if (!distinct.contains(source)) {
            distinctCapped = true;
        }
    }

    private void countType(String type, long n) {
        String key = byType.containsKey(type) || byType.size() < TYPE_LIMIT ? type : OTHER_TYPES;
        byType.merge(key, n, Long::sum);
    }

    private static JsonNode number(double value) {
        return Percentiles.number(value);
    }
}
