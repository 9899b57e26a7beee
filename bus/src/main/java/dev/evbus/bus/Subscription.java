package dev.evbus.bus;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The consumers sharing one subscription id, and who holds its lock. The lock keeps preConsume
 * and cleanup from interleaving: the first consumer holds it while it runs preConsume, the last
 * while it runs cleanup, and the bus while it runs cleanup for a consumer that died.
 * Every field is guarded by the hub's lock.
 */
final class Subscription {
    /** What the lock is held for. */
    enum Hold { SETUP, CLEANUP, BUS_CLEANUP }

    final String id;
    final Set<ConsumerConnection> members = new LinkedHashSet<>();
    String eventKey;
    Map<String, String> params = Map.of();
    String as;
    /** A {@link ConsumerConnection}, or the hub's {@link BusCleanups} for a bus-run cleanup; null when free. */
    Object holder;
    Hold hold;

    Subscription(String id) {
        this.id = id;
    }

    boolean locked() {
        return holder != null;
    }

    void lock(Object by, Hold reason) {
        holder = by;
        hold = reason;
    }

    void unlock() {
        holder = null;
        hold = null;
    }
}
