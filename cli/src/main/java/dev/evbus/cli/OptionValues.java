package dev.evbus.cli;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What a command line said to a command: each option's value by its longest name (its default,
 * or null, when left out) and the positional parameter. Filled by picocli's spec
 * ({@link CommandSpecs#values}) or by {@link FastArgs}; a command reads it the same way either way.
 */
record OptionValues(Map<String, Object> options, String parameter) {

    OptionValues {
        options = Collections.unmodifiableMap(new HashMap<>(options)); // values may be null: no Map.copyOf
    }

    /** The value of option {@code name} (its longest name, e.g. {@code --param}). */
    @SuppressWarnings("unchecked")
    <T> T get(String name) {
        if (!options.containsKey(name)) {
            throw new IllegalArgumentException("no option " + name); // a typo in a command, not bad input
        }
        return (T) options.get(name);
    }
}
