package dev.evbus.event;

/**
 * One event as a consumer receives it from the bus, before any hook has shaped it.
 *
 * @param eventId    the publisher's id, or {@code null} when it gave none
 * @param sourceTime milliseconds since the epoch, as a decimal string
 * @param seq        the bus's per-connection sequence number, starting at 1
 */
public record RawEvent(String eventType, String eventId, String sourceTime, long seq, RawJson payload) {
}
