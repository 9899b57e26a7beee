package dev.evbus.sources.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The aggregation settings of the HTTP source, {@code sources.http.aggregation} in the app's config;
 * every option is optional.
 *
 * @param field          dotted path of the numeric value in each event's payload ({@code data.value}); each part names an
 *                       object member (arrays are not indexed)
 * @param sourceField    dotted path of the string whose distinct values a window counts ({@code source})
 * @param windowMillis   window size; a whole number of intervals
 * @param intervalMillis how far windows slide, and the slice of time they are made of
 * @param percentiles    percentiles each window reports, in the order given (none by default)
 * @param maxWindows     how many windows {@code GET /aggregations} lists, newest included
 */
public record AggregationConfig(String field, String sourceField, long windowMillis, long intervalMillis,
        List<Double> percentiles, int maxWindows) {
    static final String PREFIX = "sources.http.aggregation";
    /** Slices held in all (windows listed + slices per window - 1); bounds memory and query time. */
    static final int MAX_SLICES = 1_000;
    private static final Set<String> KNOWN = Set.of("field", "source_field", "window", "interval", "percentiles",
            "max_windows");

    /** Checks only what the ring needs to exist; {@link #read} is where users get messages naming their options. */
    public AggregationConfig {
        if (intervalMillis <= 0 || windowMillis % intervalMillis != 0 || windowMillis == 0 || maxWindows < 1
                || windowMillis / intervalMillis + maxWindows - 1 > MAX_SLICES) {
            throw new IllegalArgumentException("window " + windowMillis + " ms, interval " + intervalMillis
                    + " ms and max_windows " + maxWindows + " make no ring of at most " + MAX_SLICES + " slices");
        }
        percentiles = List.copyOf(percentiles);
    }

    public static AggregationConfig defaults() {
        return read(null);
    }

    /**
     * Reads {@code node} (null or missing: all defaults). A bad option is an
     * {@link IllegalArgumentException} whose message starts with the option's path
     * ({@code sources.http.aggregation.window: ...}); the caller prefixes the file.
     */
    public static AggregationConfig read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(PREFIX + ": must be an object such as {\"window\": \"60s\", \"interval\": \"10s\"}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw problem(name, "unknown option (known: field, source_field, window, interval, percentiles, max_windows)");
            }
        }
        String field = path(node, "field", "data.value");
        String sourceField = path(node, "source_field", "source");
        long window = millis(node, "window", Duration.ofSeconds(60));
        long interval = millis(node, "interval", Duration.ofSeconds(10));
        if (interval > window) {
            throw problem("interval", "must be at most window (" + window + " ms), not " + interval + " ms");
        }
        if (window % interval != 0) {
            throw problem("window", "must be a whole number of intervals (" + interval + " ms), not " + window + " ms");
        }
        long perWindow = window / interval;
        long maxWindows = node.has("max_windows") ? count(node.get("max_windows")) : perWindow;
        if (perWindow + maxWindows - 1 > MAX_SLICES) {
            throw problem(node.has("max_windows") ? "max_windows" : "window", "window / interval + max_windows - 1 is "
                    + (perWindow + maxWindows - 1) + " slices of time; at most " + MAX_SLICES
                    + " (a longer interval or fewer windows)");
        }
        return new AggregationConfig(field, sourceField, window, interval, percentiles(node.get("percentiles")),
                (int) maxWindows);
    }

    /** Intervals one window spans. */
    public int slicesPerWindow() {
        return (int) (windowMillis / intervalMillis);
    }

    /** Slices the ring holds: every slice of every listed window. */
    public int slices() {
        return slicesPerWindow() + maxWindows - 1;
    }

    private static String path(JsonNode node, String option, String fallback) {
        JsonNode value = node.get(option);
        if (value == null) {
            return fallback;
        }
        String text = value.isTextual() ? value.asText() : "";
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw problem(option, "must be a dotted path such as \"" + fallback + "\", not " + value);
        }
        return text;
    }

    private static long millis(JsonNode node, String option, Duration fallback) {
        JsonNode value = node.get(option);
        if (value == null) {
            return fallback.toMillis();
        }
        Duration parsed;
        try {
            parsed = DurationText.parse(value.isTextual() || value.isNumber() ? value.asText() : null);
        } catch (IllegalArgumentException bad) {
            throw problem(option, "must be a duration such as \"" + fallback.toSeconds() + "s\", \"500ms\" or \"1m\", not "
                    + value);
        }
        if (parsed.toMillis() <= 0) {
            throw problem(option, "must be at least 1ms, not " + value);
        }
        return parsed.toMillis();
    }

    private static long count(JsonNode value) {
        if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
            throw problem("max_windows", "must be a whole number of at least 1, not " + value);
        }
        return value.asLong();
    }

    private static List<Double> percentiles(JsonNode list) {
        List<Double> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw problem("percentiles", "must be a list of numbers such as [50, 95, 99], not " + list);
        }
        for (JsonNode p : list) {
            if (!p.isNumber() || !(p.asDouble() > 0) || p.asDouble() > 100) {
                throw problem("percentiles", "must hold numbers above 0 and at most 100, not " + p);
            }
            if (!out.contains(p.asDouble())) {
                out.add(p.asDouble());
            }
        }
        return out;
    }

    private static IllegalArgumentException problem(String option, String what) {
        return new IllegalArgumentException(PREFIX + "." + option + ": " + what);
    }
}
