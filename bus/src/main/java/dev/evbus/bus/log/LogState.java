package dev.evbus.bus.log;

/**
 * What the log holds at one moment, as {@link RetentionLog#status()} reads it under its append
 * lock (so the numbers agree with each other). The bus's edge turns it into the status frame's
 * {@code log} part; the log itself knows nothing of the wire.
 *
 * @param firstOffset   the oldest retained event's offset (the next one's when the log is empty)
 * @param lastOffset    the newest event's offset, 0 before the first
 * @param bytes         bytes the retained records take
 * @param events        events retained
 * @param oldestAgeMs   how long ago the oldest retained event was appended, 0 when none is
 * @param maxBytes      {@code retention.max_bytes}
 * @param maxAgeMs      {@code retention.max_age}
 * @param durable       whether the log is kept on disk
 * @param durableOffset the offset up to which events are synced to disk, 0 for a memory log
 */
public record LogState(long firstOffset, long lastOffset, long bytes, long events, long oldestAgeMs, long maxBytes,
                       long maxAgeMs, boolean durable, long durableOffset) {
}
