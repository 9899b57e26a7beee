package dev.evbus.bus.metrics;

/**
 * What became of the events of one type offered to the bus.
 *
 * @param type       the event type, or {@code *} for the bucket of every type past the bound
 * @param accepted   taken into the log (what {@code status} calls published)
 * @param duplicates dropped because their id was seen before
 * @param rejected   refused by the publish checks
 */
public record TypeCounts(String type, long accepted, long duplicates, long rejected) {
}
