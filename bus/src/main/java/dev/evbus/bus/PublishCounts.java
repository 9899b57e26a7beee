package dev.evbus.bus;

import dev.evbus.bus.metrics.TypeCounts;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What became of every event offered to the bus, per type: accepted into the log, dropped as a
 * duplicate, or rejected by the publish checks. The one set of counters behind both
 * {@code status}'s totals and the metrics' per-type counts. Types are bounded ({@link TypeSlots}).
 */
final class PublishCounts {
    private static final class Tally {
        final LongAdder accepted = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    private final TypeSlots<Tally> byType = new TypeSlots<>(Tally::new);

    void accepted(String type) {
        byType.slot(type).accepted.increment();
    }

    void duplicate(String type) {
        byType.slot(type).duplicates.increment();
    }

    /** {@code type} as the refused publish carried it, or null when it had none. */
    void rejected(String type) {
        byType.slot(type).rejected.increment();
    }

    /** Per type, sorted by type; the shared bucket is named {@link TypeSlots#OTHER}. */
    List<TypeCounts> snapshot() {
        return List.copyOf(byType.snapshot((type, t) -> new TypeCounts(type, t.accepted.sum(), t.duplicates.sum(),
                t.rejected.sum())).values());
    }

    /** The totals over every type. */
    TypeCounts total() {
        return total(snapshot());
    }

    /** The totals of {@code perType}, as {@code status} shows them. */
    static TypeCounts total(List<TypeCounts> perType) {
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        for (TypeCounts c : perType) {
            accepted += c.accepted();
            duplicates += c.duplicates();
            rejected += c.rejected();
        }
        return new TypeCounts(null, accepted, duplicates, rejected);
    }
}
