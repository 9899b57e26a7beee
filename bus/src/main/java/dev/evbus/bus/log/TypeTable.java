package dev.evbus.bus.log;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small numbers for event types, so a reader decides whether a record is for it by an array
 * look-up instead of comparing strings. Bounded: past {@link #MAX_TYPES} distinct types the rest
 * share {@link #UNNUMBERED} and are matched by their text.
 */
final class TypeTable {
    static final int MAX_TYPES = 65_536;
    static final int UNNUMBERED = -1;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, byte[]> utf8 = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    int idOf(String type) {
        Integer id = ids.get(type);
        if (id != null) {
            return id;
        }
        if (next.get() >= MAX_TYPES) {
            return UNNUMBERED;
        }
        return ids.computeIfAbsent(type, t -> next.getAndIncrement());
    }

    /** The type's UTF-8 bytes, cached for numbered types. */
    byte[] bytesOf(String type, int id) {
        if (id == UNNUMBERED) {
            return type.getBytes(StandardCharsets.UTF_8);
        }
        return utf8.computeIfAbsent(type, t -> t.getBytes(StandardCharsets.UTF_8));
    }
}
