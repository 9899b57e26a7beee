package dev.evbus.bus.log;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small numbers for event types, so a reader decides whether a record is for it by an array
 * look-up instead of comparing strings, and each type's UTF-8 bytes, so an append encodes none.
 * Bounded: past {@link #MAX_TYPES} distinct types the rest share {@link #UNNUMBERED} and are
 * matched by their text.
 */
final class TypeTable {
    static final int MAX_TYPES = 65_536;
    static final int UNNUMBERED = -1;

    /** A type's number and bytes. */
    record Type(int id, byte[] utf8) {
    }

    private final ConcurrentHashMap<String, Type> types = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** One look-up per append: the type's number and bytes. */
    Type of(String type) {
        Type known = types.get(type);
        if (known != null) {
            return known;
        }
        if (next.get() >= MAX_TYPES) {
            return new Type(UNNUMBERED, type.getBytes(StandardCharsets.UTF_8));
        }
        return types.computeIfAbsent(type, t -> new Type(next.getAndIncrement(), t.getBytes(StandardCharsets.UTF_8)));
    }

    int idOf(String type) {
        return of(type).id();
    }
}
