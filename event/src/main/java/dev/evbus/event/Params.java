package dev.evbus.event;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A consumer's parameter values, as strings keyed by name. Mutable only while a key's normalize
 * hook runs; {@link #freeze()} then makes the canonical values every later hook and the
 * subscription id see.
 */
public final class Params {
    private final Map<String, String> values;
    private final boolean frozen;

    private Params(Map<String, String> values, boolean frozen) {
        this.values = values;
        this.frozen = frozen;
    }

    public static Params mutable(Map<String, String> values) {
        return new Params(new TreeMap<>(values), false);
    }

    public static Params of(Map<String, String> values) {
        return new Params(Collections.unmodifiableMap(new TreeMap<>(values)), true);
    }

    public Params freeze() {
        return frozen ? this : of(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String string(String name) {
        return values.getOrDefault(name, "");
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    public long integer(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    /** The values of a {@code multi} parameter: comma-separated, blanks dropped. */
    public List<String> multi(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** Sets a value; only the normalize hook may call this. */
    public void put(String name, String value) {
        if (frozen) {
            throw new UnsupportedOperationException("params are read-only outside normalize");
        }
        values.put(name, value);
    }

    /** All values in name order; unmodifiable. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
