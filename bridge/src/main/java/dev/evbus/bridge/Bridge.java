package dev.evbus.bridge;

/**
 * A running link between the bus and another engine. Started once after the bus listens, closed
 * once when it stops; its faults are reported through {@link #report()}, never by ending the bus.
 */
public interface Bridge extends AutoCloseable {
    /** Starts the link's threads; returns at once even when the engine is unreachable (it keeps trying). */
    void start();

    BridgeReport report();

    /** Stops both directions, waits a few seconds at most for sends in flight. */
    @Override
    void close();
}
