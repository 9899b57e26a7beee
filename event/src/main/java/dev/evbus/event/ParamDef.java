package dev.evbus.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One parameter of a key. A parameter marked {@code subscriptionKey} splits consumers into distinct
 * subscriptions by its value, each with its own preConsume and cleanup.
 */
public record ParamDef(
        String name,
        ParamType type,
        String description,
        boolean required,
        String defaultValue,
        List<ParamValue> values,
        boolean subscriptionKey) {

    public ParamDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        values = List.copyOf(values == null ? List.of() : values);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean allows(String value) {
        return values.stream().anyMatch(v -> v.value().equals(value));
    }

    /** Builds a {@link ParamDef}; the type defaults to {@code string}. */
    public static final class Builder {
        private final String name;
        private ParamType type = ParamType.STRING;
        private String description = "";
        private boolean required;
        private String defaultValue;
        private final List<ParamValue> values = new ArrayList<>();
        private boolean subscriptionKey;

        private Builder(String name) {
            this.name = name;
        }

        public Builder type(ParamType type) {
            this.type = type;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder value(String value, String description) {
            values.add(new ParamValue(value, description));
            return this;
        }

        public Builder subscriptionKey() {
            this.subscriptionKey = true;
            return this;
        }

        public ParamDef build() {
            return new ParamDef(name, type, description, required, defaultValue, values, subscriptionKey);
        }
    }
}
