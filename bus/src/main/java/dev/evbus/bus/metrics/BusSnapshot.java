package dev.evbus.bus.metrics;

import dev.evbus.protocol.Message;
import java.util.List;

/**
 * One moment of the bus as its metrics show it: the answer {@code status} would give now, and
 * the per-type counts whose totals that answer carries, so both come from the same counters.
 */
public record BusSnapshot(Message.StatusResponse status, List<TypeCounts> types) {
    public BusSnapshot {
        types = List.copyOf(types);
    }
}
