package dev.evbus.sources;

/**
 * The bus's publish path as a source sees it: the same dedup, retention and routing as
 * {@code evbus publish}. Implemented by the bus; thread-safe.
 */
public interface Ingest {
    /** What became of one event. */
    enum Outcome { ACCEPTED, DUPLICATE }

    /**
     * Publishes one event. {@code payload} must be one valid JSON value (UTF-8), at most the
     * frame cap (1 MiB); {@code eventId} may be null (never a duplicate); {@code sourceTime} is
     * milliseconds since the epoch as a decimal string, or null for the bus's clock.
     */
    Outcome publish(String eventType, String eventId, String sourceTime, byte[] payload);

    /** Wakes consumers' readers after a burst of {@link #publish} calls (once per request or batch). */
    void wake();
}
