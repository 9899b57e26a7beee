package dev.evbus.sources;

/**
 * Sees every event the bus accepts, from any source or publisher, after it is in the log: the
 * statistics and sliding windows of the HTTP API are over all of them. Implementations must be
 * cheap and never block: this runs on the publishing thread.
 */
@FunctionalInterface
public interface AcceptedEvents {
    AcceptedEvents NONE = (eventType, payload, acceptedAtMillis) -> { };

    void accepted(String eventType, byte[] payload, long acceptedAtMillis);
}
