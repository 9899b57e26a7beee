package dev.evbus.bridge;

/**
 * One event of the local log that this host accepted itself (never one the bridge brought in).
 *
 * @param offset     its place in the local log; the bridge's cursor moves past it once JetStream stored it
 * @param eventType  the event type
 * @param eventId    the publisher's id, or null when it gave none
 * @param sourceTime milliseconds since the epoch, as the decimal digits the event carries
 * @param payload    the payload: one JSON value, UTF-8
 */
public record LocalEvent(long offset, String eventType, String eventId, String sourceTime, byte[] payload) {
}
