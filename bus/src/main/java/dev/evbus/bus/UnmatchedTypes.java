package dev.evbus.bus;

import dev.evbus.event.EventTypePattern;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per type, the accepted events that no attached consumer selected when they arrived, as
 * NATS counts messages without interest: a type nobody subscribes to (a typo in a key's
 * {@code event_types}, a producer's new type) shows in {@code status} instead of vanishing. The
 * events themselves stay in the log for later readers.
 *
 * <p>At most {@link #MAX_TYPES} types are counted by name; any further type is counted under
 * {@link #OTHER} ({@link TypeSlots}), so a producer that invents types cannot grow the bus's memory or the status.
 */
final class UnmatchedTypes {
    static final int MAX_TYPES = TypeSlots.MAX_TYPES;
    static final String OTHER = TypeSlots.OTHER;

    /** The attached consumers' selections; replaced whole when one joins or leaves. */
    private volatile List<List<String>> selections = List.of();
    /**
     * Whether some selection takes a type, remembered until the selections change; replaced with
     * them, so a stale answer is never read after the change is published.
     */
    private volatile Map<String, Boolean> interest = new ConcurrentHashMap<>();
    private final TypeSlots<LongAdder> counts = new TypeSlots<>(LongAdder::new);

    /** One answer of {@link #interest}, for the selections it was given under. */
    private record Verdict(Map<String, Boolean> interest, String type, boolean selected) {
    }

    /**
     * The last answer, found again by identity without a look-up while a producer's type (one
     * String) repeats and the selections stay; racing threads at worst replace it with another.
     */
    private volatile Verdict last = new Verdict(null, null, false);

    /** Called under the lifecycle's lock whenever the attached consumers change. */
    void consumersChanged(ConsumerConnection[] attached) {
        List<List<String>> next = new java.util.ArrayList<>(attached.length);
        for (ConsumerConnection consumer : attached) {
            next.add(consumer.hello.eventTypes());
        }
        selections = List.copyOf(next);
        interest = new ConcurrentHashMap<>();
    }

    /** Counts the type when nobody attached selects it; the publishing thread calls this after the append. */
    void accepted(String type) {
        Map<String, Boolean> known = interest;
        Verdict verdict = last;
        boolean selected;
        if (verdict.interest() == known && verdict.type() == type) {
            selected = verdict.selected();
        } else {
            selected = selected(known, type);
            last = new Verdict(known, type, selected);
        }
        if (!selected) {
            counts.slot(type).increment();
        }
    }

    private boolean selected(Map<String, Boolean> known, String type) {
        Boolean selected = known.get(type);
        if (selected == null) {
            selected = selectedByAnyone(type);
            if (known.size() < MAX_TYPES * 10) {
                known.put(type, selected);
            }
        }
        return selected;
    }

    private boolean selectedByAnyone(String type) {
        for (List<String> patterns : selections) {
            if (EventTypePattern.selects(patterns, type)) {
                return true;
            }
        }
        return false;
    }

    /** A sorted snapshot, type to count. */
    Map<String, Long> snapshot() {
        return counts.snapshot((type, count) -> count.sum());
    }
}
