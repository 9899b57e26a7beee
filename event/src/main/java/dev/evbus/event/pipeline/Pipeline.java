package dev.evbus.event.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of stages a key's events flow through, from the event's payload to the
 * consumer's output. Immutable. Key files and {@link #builder()} produce the same
 * {@link StageSpec}s, which one compiler turns into running stages, so both mean the same thing;
 * every option of every stage is in the README's stage reference.
 */
public final class Pipeline {
    private final List<StageSpec> stages;
    private final ObjectNode limits;

    private Pipeline(List<StageSpec> stages, ObjectNode limits) {
        this.stages = List.copyOf(stages);
        this.limits = limits.deepCopy();
    }

    public static Pipeline of(List<StageSpec> stages) {
        return new Pipeline(stages, options());
    }

    /** Stages with the key's {@code limits} ({@code {stage_time, stage_output}}), as a key file writes them. */
    public static Pipeline of(List<StageSpec> stages, ObjectNode limits) {
        return new Pipeline(stages, limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<StageSpec> stages() {
        return stages;
    }

    /** What each jq expression may spend per event: {@code stage_time}, {@code stage_output}; empty for the defaults. */
    public ObjectNode limits() {
        return limits.deepCopy();
    }

    /** A fresh, empty options object to fill for {@link Builder#stage(String, ObjectNode)}. */
    public static ObjectNode options() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public String toString() {
        return "Pipeline" + stages.stream().map(StageSpec::kind).toList();
    }

    /**
     * Adds stages in order. The typed methods cover each stage's common form; {@link #stage} takes
     * any stage with all of its options, exactly as a key file writes them.
     */
    public static final class Builder {
        private final List<StageSpec> stages = new ArrayList<>();
        private ObjectNode limits = options();

        private Builder() {
        }

        /** Any library stage with its full options. */
        public Builder stage(String kind, ObjectNode options) {
            stages.add(new StageSpec.Declared(kind, options));
            return this;
        }

        /**
         * What each jq expression may spend per event, as a key file's {@code limits} writes it:
         * {@code {"stage_time": "2s", "stage_output": "4MiB"}}.
         */
        public Builder limits(ObjectNode limits) {
            this.limits = limits.deepCopy();
            return this;
        }

        /** Java code as a stage. */
        public Builder custom(String name, JavaStage stage) {
            stages.add(new StageSpec.Custom(name, stage));
            return this;
        }

        /** Keeps events for which the jq predicate holds. */
        public Builder filter(String jq) {
            return stage("filter", options().put("expr", jq));
        }

        /** Replaces each event by the outputs of a jq program (none filters it out). */
        public Builder transform(String jq) {
            return stage("transform", options().put("expr", jq));
        }

        /** Adds or replaces fields (dotted paths) with jq results, in the map's iteration order. */
        public Builder set(Map<String, String> fieldExpressions) {
            ObjectNode fields = options();
            fieldExpressions.forEach(fields::put);
            return stage("set", options().set("fields", fields));
        }

        /** Fails an event (rather than filtering it) when any of these dotted paths is missing or null. */
        public Builder require(String... paths) {
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            for (String path : paths) {
                required.add(path);
            }
            return stage("validate", options().set("require", required));
        }

        /**
         * Joins {@code field} against a table file (JSON or CSV) and appends {@code columns} in order;
         * a miss appends {@code defaults}.
         */
        public Builder lookup(String field, String table, List<String> columns, Map<String, String> defaults) {
            ObjectNode options = options().put("field", field).put("table", table);
            options.set("fields", strings(columns));
            ObjectNode misses = options();
            defaults.forEach(misses::put);
            options.set("default", misses);
            return stage("lookup", options);
        }

        /** Looks {@code field} (an IP address) up in a MaxMind DB file and appends {@code fields}. */
        public Builder geoip(String field, String database, List<String> fields) {
            ObjectNode options = options().put("field", field).put("database", database);
            options.set("fields", strings(fields));
            return stage("geoip", options);
        }

        /**
         * Scores {@code field} by {@code values} (others score {@code defaultScore}) into
         * {@code severity}, and sets {@code alert} when the score reaches {@code threshold}
         * (a number, or {@code ${param}}).
         */
        public Builder classify(String field, Map<String, Integer> values, int defaultScore, String threshold) {
            ObjectNode scores = options();
            values.forEach(scores::put);
            ObjectNode options = options().put("field", field).put("default", defaultScore).put("threshold", threshold);
            options.set("values", scores);
            return stage("classify", options);
        }

        public Pipeline build() {
            return new Pipeline(stages, limits);
        }

        private static ArrayNode strings(List<String> values) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            values.forEach(array::add);
            return array;
        }
    }
}
