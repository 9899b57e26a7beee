package dev.evbus.bridge;

/**
 * The bus's publish path for events of other hosts: the same dedup by event id, log and routing as
 * a local publish, but the log marks them remote so the bridge never exports them again.
 * Implemented by the bus; thread-safe.
 */
public interface RemoteIngest {
    /** What became of one event. */
    enum Outcome { ACCEPTED, DUPLICATE }

    /**
     * Publishes one remote event. {@code payload} is one valid JSON value of at most 1 MiB;
     * {@code sourceTime} is milliseconds since the epoch as digits, or null for the bus's clock.
     *
     * @throws IllegalArgumentException when the event breaks the bus's rules (a type with '*', say)
     */
    Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload);

    /** Wakes local consumers after a burst of {@link #publish} calls. */
    void wake();
}
