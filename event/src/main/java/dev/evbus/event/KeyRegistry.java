package dev.evbus.event;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The process-wide table of EventKeys: built-ins plus whatever plugins register. The one piece
 * of static mutable state in evbus, because plugins register through a no-argument SPI.
 */
public final class KeyRegistry {
    /** Sorted so {@code list} is stable; concurrent so the bus can look keys up while plugins load. */
    private static final Map<String, KeyDefinition> KEYS = new ConcurrentSkipListMap<>();

    static {
        register(RawKey.definition());
    }

    private KeyRegistry() {
    }

    /** Adds a key; a second key with the same name is refused. */
    public static void register(KeyDefinition definition) {
        if (KEYS.putIfAbsent(definition.key(), definition) != null) {
            throw new KeyDefinitionException(definition.key(), "key", "already registered");
        }
    }

    public static Optional<KeyDefinition> find(String key) {
        return Optional.ofNullable(KEYS.get(key));
    }

    public static Collection<KeyDefinition> all() {
        return List.copyOf(KEYS.values());
    }
}
