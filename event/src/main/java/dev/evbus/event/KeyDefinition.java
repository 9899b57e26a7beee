package dev.evbus.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import dev.evbus.event.pipeline.Pipeline;

/**
 * A named EventKey: which events it subscribes to, which params it takes, what its output looks
 * like, and the hooks that shape it. Immutable; made by {@link #builder(String)}, whose
 * {@code build()} enforces the contract so a bad key fails when it is written, not when consumed.
 */
public final class KeyDefinition {
    public static final int DEFAULT_BUFFER_SIZE = 100;
    public static final int MAX_BUFFER_SIZE = 1000;

    private final String key;
    private final String displayName;
    private final String description;
    private final String eventType;
    private final Function<Params, List<String>> routeTypes;
    private final SubscriptionType subscriptionType;
    private final List<ParamDef> params;
    private final OutputSchema schema;
    private final List<String> scopes;
    private final List<AuthType> authTypes;
    private final List<String> requiredConsoleEvents;
    private final int bufferSize;
    private final int workers;
    private final boolean singleConsumer;
    private final NormalizeHook normalize;
    private final MatchHook match;
    private final boolean filters;
    private final ProcessHook process;
    private final SubscriptionHook preConsume;
    private final SubscriptionHook cleanup;
    private final Pipeline pipeline;
    private final String origin;

    private KeyDefinition(Builder b) {
        this.key = b.key;
        this.displayName = b.displayName == null ? b.key : b.displayName;
        this.description = b.description;
        this.eventType = b.eventType;
        this.routeTypes = b.routeTypes;
        this.subscriptionType = b.subscriptionType;
        this.params = List.copyOf(b.params);
        this.schema = b.nativeSchema != null ? OutputSchema.nativeSchema(b.nativeSchema).withOverrides(b.overrides)
                : OutputSchema.customSchema(b.customSchema).withOverrides(b.overrides);
        this.scopes = List.copyOf(b.scopes);
        this.authTypes = List.copyOf(b.authTypes);
        this.requiredConsoleEvents = List.copyOf(b.requiredConsoleEvents);
        this.bufferSize = Math.max(1, Math.min(MAX_BUFFER_SIZE, b.bufferSize));
        this.workers = b.workers;
        this.singleConsumer = b.singleConsumer;
        this.normalize = b.normalize;
        this.match = b.match == null ? (event, params) -> true : b.match;
        this.filters = b.match != null;
        this.process = b.process;
        this.preConsume = b.preConsume;
        this.cleanup = b.cleanup;
        this.pipeline = b.pipeline;
        this.origin = b.origin;
    }

    private KeyDefinition(KeyDefinition from, String origin) {
        this.key = from.key;
        this.displayName = from.displayName;
        this.description = from.description;
        this.eventType = from.eventType;
        this.routeTypes = from.routeTypes;
        this.subscriptionType = from.subscriptionType;
        this.params = from.params;
        this.schema = from.schema;
        this.scopes = from.scopes;
        this.authTypes = from.authTypes;
        this.requiredConsoleEvents = from.requiredConsoleEvents;
        this.bufferSize = from.bufferSize;
        this.workers = from.workers;
        this.singleConsumer = from.singleConsumer;
        this.normalize = from.normalize;
        this.match = from.match;
        this.filters = from.filters;
        this.process = from.process;
        this.preConsume = from.preConsume;
        this.cleanup = from.cleanup;
        this.pipeline = from.pipeline;
        this.origin = origin;
    }

    /** The same key, recorded as coming from {@code origin} (a plugin loader stamps its jar's name). */
    public KeyDefinition withOrigin(String origin) {
        return new KeyDefinition(this, origin);
    }

    public static Builder builder(String key) {
        return new Builder(key);
    }

    public String key() { return key; }
    public String displayName() { return displayName; }
    public String description() { return description; }
    public String eventType() { return eventType; }
    public SubscriptionType subscriptionType() { return subscriptionType; }
    public List<ParamDef> params() { return params; }
    public OutputSchema schema() { return schema; }
    public List<String> scopes() { return scopes; }
    public List<AuthType> authTypes() { return authTypes; }
    public List<String> requiredConsoleEvents() { return requiredConsoleEvents; }
    /** Events the bus may queue for one consumer before it drops the oldest; 1 to 1000. */
    public int bufferSize() { return bufferSize; }
    public int workers() { return workers; }
    public boolean singleConsumer() { return singleConsumer; }
    public NormalizeHook normalize() { return normalize; }
    public MatchHook match() { return match; }
    /** Whether the key has a match hook; without one every routed event is output. */
    public boolean filters() { return filters; }
    public Optional<ProcessHook> process() { return Optional.ofNullable(process); }
    public SubscriptionHook preConsume() { return preConsume; }
    public SubscriptionHook cleanup() { return cleanup; }

    /** The stages that shape this key's events after match, when it has them instead of a process hook. */
    public Optional<Pipeline> pipeline() { return Optional.ofNullable(pipeline); }

    /** Where the key was defined: {@code built-in}, a plugin jar's file name, or a key file's path. */
    public String origin() { return origin; }

    /** The event type patterns the bus routes to a consumer with these (normalized) params. */
    public List<String> routeTypes(Params normalized) {
        return routeTypes.apply(normalized);
    }

    public Optional<ParamDef> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "KeyDefinition[" + key + "]";
    }

    /** Collects a key's fields; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final String key;
        private String displayName;
        private String description = "";
        private String eventType;
        private Function<Params, List<String>> routeTypes;
        private SubscriptionType subscriptionType = SubscriptionType.EVENT;
        private final List<ParamDef> params = new ArrayList<>();
        private JsonNode nativeSchema;
        private JsonNode customSchema;
        private final Map<String, JsonNode> overrides = new LinkedHashMap<>();
        private final List<String> scopes = new ArrayList<>();
        private final List<AuthType> authTypes = new ArrayList<>();
        private final List<String> badAuthTypes = new ArrayList<>();
        private final List<String> requiredConsoleEvents = new ArrayList<>();
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private int workers = 1;
        private boolean singleConsumer;
        private NormalizeHook normalize = (api, p) -> { };
        private MatchHook match;
        private ProcessHook process;
        private SubscriptionHook preConsume = SubscriptionHook.NONE;
        private SubscriptionHook cleanup = SubscriptionHook.NONE;
        private Pipeline pipeline;
        private String origin = "built-in";

        private Builder(String key) {
            this.key = key;
        }

        public Builder displayName(String displayName) { this.displayName = displayName; return this; }
        public Builder description(String description) { this.description = description; return this; }

        /** The event type (exact, {@code prefix.*} or {@code *}) this key subscribes to. */
        public Builder eventType(String eventType) { this.eventType = eventType; return this; }

        /** Derives the routed event types from the params instead of the fixed event type. */
        public Builder routeTypes(Function<Params, List<String>> routeTypes) { this.routeTypes = routeTypes; return this; }

        public Builder subscriptionType(SubscriptionType type) { this.subscriptionType = type; return this; }
        public Builder param(ParamDef param) { this.params.add(param); return this; }

        /** Output is the standard envelope; this schema describes its payload. Forbids a process hook. */
        public Builder nativeSchema(JsonNode payloadSchema) { this.nativeSchema = payloadSchema; return this; }

        /** Output is whatever the process hook returns; this schema describes it. */
        public Builder customSchema(JsonNode outputSchema) { this.customSchema = outputSchema; return this; }

        /** Replaces the sub-schema at a JSON Pointer of the rendered schema. */
        public Builder schemaOverride(String jsonPointer, JsonNode schema) { this.overrides.put(jsonPointer, schema); return this; }

        public Builder scopes(String... scopes) { this.scopes.addAll(List.of(scopes)); return this; }

        /** Accepted identities for {@code --as}: {@code user}, {@code bot}. Empty means any. */
        public Builder authTypes(String... types) {
            for (String type : types) {
                try {
                    authTypes.add(AuthType.parse(type));
                } catch (IllegalArgumentException bad) {
                    badAuthTypes.add(type);
                }
            }
            return this;
        }

        public Builder requiredConsoleEvents(String... events) { this.requiredConsoleEvents.addAll(List.of(events)); return this; }
        public Builder bufferSize(int bufferSize) { this.bufferSize = bufferSize; return this; }
        public Builder workers(int workers) { this.workers = workers; return this; }
        public Builder singleConsumer() { this.singleConsumer = true; return this; }
        public Builder normalize(NormalizeHook hook) { this.normalize = hook; return this; }
        public Builder match(MatchHook hook) { this.match = hook; return this; }
        public Builder process(ProcessHook hook) { this.process = hook; return this; }
        public Builder preConsume(SubscriptionHook hook) { this.preConsume = hook; return this; }
        public Builder cleanup(SubscriptionHook hook) { this.cleanup = hook; return this; }

        /** Shapes events through these stages; like a process hook, it needs a custom schema. */
        public Builder pipeline(Pipeline pipeline) { this.pipeline = pipeline; return this; }

        /** Where the key comes from, for {@code list}; set by whoever loads it. */
        public Builder origin(String origin) { this.origin = origin; return this; }

        public KeyDefinition build() {
            String name = key == null ? "" : key;
            if (!KeyNames.isKeyName(name)) {
                throw new KeyDefinitionException(name, "key", "must be letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (eventType == null || eventType.isBlank()) {
                throw new KeyDefinitionException(key, "event_type", "must not be empty");
            }
            if ((nativeSchema == null) == (customSchema == null)) {
                throw new KeyDefinitionException(key, "schema", "set exactly one of nativeSchema or customSchema");
            }
            if (process != null && pipeline != null) {
                throw new KeyDefinitionException(key, "pipeline", "a key has either a process hook or a pipeline, not both");
            }
            if (nativeSchema != null && pipeline != null) {
                throw new KeyDefinitionException(key, "pipeline", "a key with a native schema outputs the event envelope and cannot have a pipeline");
            }
            if (nativeSchema != null && process != null) {
                throw new KeyDefinitionException(key, "process", "a key with a native schema outputs the event envelope and cannot have a process hook");
            }
            if (customSchema != null && process == null && pipeline == null) {
                throw new KeyDefinitionException(key, "schema", "a custom schema describes the process hook's or pipeline's output: add one");
            }
            if (!badAuthTypes.isEmpty()) {
                throw new KeyDefinitionException(key, "auth_types", "must be user or bot, not \"" + badAuthTypes.get(0) + "\"");
            }
            if (workers < 1) {
                throw new KeyDefinitionException(key, "workers", "must be at least 1");
            }
            Set<String> names = new HashSet<>();
            for (ParamDef param : params) {
                String field = "params." + param.name();
                if (!KeyNames.isParamName(param.name())) {
                    throw new KeyDefinitionException(key, field, "name must be letters, digits, '.', '_' or '-'");
                }
                if (!names.add(param.name())) {
                    throw new KeyDefinitionException(key, field, "declared twice");
                }
                boolean listed = param.type() == ParamType.ENUM || param.type() == ParamType.MULTI;
                if (listed && param.values().isEmpty()) {
                    throw new KeyDefinitionException(key, field, param.type().wireName() + " needs values");
                }
                if (!listed && !param.values().isEmpty()) {
                    throw new KeyDefinitionException(key, field, "only enum and multi params take values");
                }
                for (ParamValue value : param.values()) {
                    if (value.description() == null || value.description().isBlank()) {
                        throw new KeyDefinitionException(key, field, "value \"" + value.value() + "\" needs a description");
                    }
                }
                if (param.defaultValue() != null) {
                    try {
                        ParamBinder.checkValue(param, param.defaultValue());
                    } catch (IllegalArgumentException bad) {
                        throw new KeyDefinitionException(key, field, "default " + bad.getMessage());
                    }
                }
            }
            if (routeTypes == null) {
                List<String> fixed = List.of(eventType);
                routeTypes = p -> fixed;
            }
            return new KeyDefinition(this);
        }
    }
}
