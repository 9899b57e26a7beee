package dev.evbus.bus;

import dev.evbus.protocol.EventRules;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Something kept per event type with a bound on how many types: the first {@link #MAX_TYPES}
 * types get a slot of their own, any further one (and a type no event may carry: missing, or
 * longer than a type may be) shares the slot {@link #OTHER}. A producer that invents types cannot
 * grow the bus's memory, its status or its metrics.
 */
final class TypeSlots<T> {
    static final int MAX_TYPES = 100;
    /** The shared slot's name: a pattern, since no published type is {@code *}. */
    static final String OTHER = "*";

    /** A type and its slot. */
    private record Named<T>(String type, T slot) {
    }

    private final Map<String, T> slots = new ConcurrentHashMap<>();
    private final Supplier<T> fresh;
    /**
     * The slot asked for last, found again by identity without a look-up: a producer's frames
     * share one String while their type repeats. Racing threads at worst replace it with another
     * correct pair.
     */
    private volatile Named<T> last = new Named<>(null, null);

    TypeSlots(Supplier<T> fresh) {
        this.fresh = fresh;
    }

    /** The slot of {@code type}, made on first sight; lock-free once made (publishing threads call this). */
    T slot(String type) {
        Named<T> known = last;
        if (known.type() == type && type != null) {
            return known.slot();
        }
        T slot = type == null ? null : slots.get(type);
        if (slot == null) {
            // Racing publishers may both see room for one more name: the bound is MAX_TYPES plus the
            // number of publishing threads, still fixed.
            String name = named(type) && slots.size() < MAX_TYPES ? type : OTHER;
            slot = slots.computeIfAbsent(name, unused -> fresh.get());
        }
        if (type != null) {
            last = new Named<>(type, slot);
        }
        return slot;
    }

    private static boolean named(String type) {
        return type != null && !type.isEmpty() && type.length() <= EventRules.MAX_TYPE_CHARS;
    }

    /** A sorted snapshot, type to what {@code read} takes from the type and its slot. */
    <V> Map<String, V> snapshot(BiFunction<String, T, V> read) {
        Map<String, V> copy = new TreeMap<>();
        slots.forEach((type, slot) -> copy.put(type, read.apply(type, slot)));
        return copy;
    }
}
