package dev.evbus.bus.log;

/**
 * A named cursor as kept in {@code cursors.json}: the consumer named {@code name} of subscription
 * {@code subscriptionId} on {@code eventKey} has written every event up to {@code offset}.
 *
 * @param updatedAt when the cursor last moved, ISO-8601 as the bus wrote it
 */
public record StoredCursor(String name, String subscriptionId, String eventKey, long offset, String updatedAt) {
}
