package dev.evbus.sources.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a stretch of time held: one interval's slice, or a window merged from its slices. Bounded:
 * at most {@code sourceCap} distinct sources are told apart (past that {@link #sourcesCapped}),
 * at most {@code typeCap} types (the rest count under {@link #OTHER}). Values that are not finite
 * numbers (NaN here) count in {@code count}, types and sources, never in sum/avg/min/max or
 * percentiles. Not thread-safe: a {@link Slice}'s lock guards the one it holds; a window's is
 * local to one query.
 */
final class Aggregate {
    static final String OTHER = "(other)";

    private final int sourceCap;
    private final int typeCap;
    private long count;
    private long numeric;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final Set<String> sources = new HashSet<>();
    private boolean sourcesCapped;
    /** A one-element array per type, so counting an event boxes nothing. */
    private final Map<String, long[]> types = new HashMap<>();
    /** Null when no percentiles are configured. */
    private final LogBuckets sketch;

    Aggregate(int sourceCap, int typeCap, boolean percentiles) {
        this.sourceCap = sourceCap;
        this.typeCap = typeCap;
        this.sketch = percentiles ? new LogBuckets() : null;
    }

    /** One event: {@code value} NaN when it had no finite number, {@code source} null when it had none. */
    void add(String type, double value, String source) {
        count++;
        if (!Double.isNaN(value)) {
            numeric++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (sketch != null) {
                sketch.add(value);
            }
        }
        if (source != null) {
            addSource(source);
        }
        countType(type, 1);
    }

    void addAll(Aggregate other) {
        count += other.count;
        numeric += other.numeric;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (sketch != null) {
            sketch.addAll(other.sketch);
        }
        for (String source : other.sources) {
            addSource(source);
        }
        sourcesCapped |= other.sourcesCapped;
        other.types.forEach((type, n) -> countType(type, n[0]));
    }

    /** Empties it for another interval, keeping its tables' capacity (bounded by the caps). */
    void clear() {
        count = 0;
        numeric = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        sources.clear();
        sourcesCapped = false;
        types.clear();
        if (sketch != null) {
            sketch.clear();
        }
    }

    long count() {
        return count;
    }

    /**
     * SPEC §12's window object. {@code avg}, {@code min}, {@code max} and percentiles are null
     * when no event had a number; {@code distinctSourcesCapped} appears only when true.
     */
    ObjectNode toJson(long startMillis, long endMillis, List<Double> percentiles) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode();
        out.putObject("window").put("start", startMillis).put("end", endMillis);
        out.put("count", count);
        out.set("sum", Numbers.node(sum));
        out.set("avg", numeric == 0 ? json.nullNode() : Numbers.node(sum / numeric));
        out.set("min", numeric == 0 ? json.nullNode() : Numbers.node(min));
        out.set("max", numeric == 0 ? json.nullNode() : Numbers.node(max));
        out.put("distinctSources", sources.size());
        if (sourcesCapped) {
            out.put("distinctSourcesCapped", true);
        }
        ObjectNode byType = out.putObject("eventsByType");
        new TreeMap<>(types).forEach((type, n) -> byType.put(type, n[0]));
        if (sketch != null) {
            ObjectNode values = out.putObject("percentiles");
            for (double p : percentiles) {
                values.set(Numbers.percentileLabel(p), numeric == 0 ? json.nullNode() : Numbers.node(percentile(p)));
            }
        }
        return out;
    }

    /** Nearest rank, within 1 %; the first and last ranks are the exact minimum and maximum. */
    private double percentile(double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100 * sketch.count()));
        if (rank == 1 || rank >= sketch.count()) {
            return rank == 1 ? min : max;
        }
        return Math.clamp(sketch.valueAtRank(rank), min, max);
    }

    private void addSource(String source) {
        if (sources.size() < sourceCap) {
            sources.add(source);
        } else if (!sources.contains(source)) {
            sourcesCapped = true;
        }
    }

    private void countType(String type, long n) {
        long[] counter = types.get(type);
        if (counter == null) {
            int named = types.size() - (types.containsKey(OTHER) ? 1 : 0);
            counter = types.computeIfAbsent(named < typeCap || type.equals(OTHER) ? type : OTHER, key -> new long[1]);
        }
        counter[0] += n;
    }
}
