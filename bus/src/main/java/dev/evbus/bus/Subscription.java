package dev.evbus.bus;

import dev.evbus.protocol.Message;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One generation of a subscription that is not FREE: its members and who holds its lock. The
 * transitions between its states are {@link SubscriptionLifecycle}'s, which documents them; every
 * field is guarded by the lifecycle's lock.
 */
final class Subscription {
    enum State { SETUP, ACTIVE, CLEANUP, BUS_CLEANUP }

    final String id;
    /** Bus-wide number of this generation, for the log. */
    final long generation;
    final Set<ConsumerConnection> members = new LinkedHashSet<>();
    State state = State.SETUP;
    /** The consumer holding the lock in SETUP and CLEANUP; null otherwise. */
    ConsumerConnection holder;
    /** In BUS_CLEANUP: the vanished consumer the bus cleans up for. */
    Message.Hello cleanupFor;

    Subscription(String id, long generation, ConsumerConnection first) {
        this.id = id;
        this.generation = generation;
        this.holder = first;
    }

    /** Whether hellos must wait: in every state but ACTIVE. */
    boolean locked() {
        return state != State.ACTIVE;
    }

    /** What holds the lock, for log lines. */
    String holdDescription() {
        return switch (state) {
            case SETUP -> "preConsume by pid " + holder.hello.pid();
            case CLEANUP -> "cleanup by pid " + holder.hello.pid();
            case BUS_CLEANUP -> "cleanup by the bus";
            case ACTIVE -> "nothing";
        };
    }
}
