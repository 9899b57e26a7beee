/**
 * The bus's retention log: events appended once with an offset, read by every consumer at its own pace.
 *
 * <p>{@link dev.evbus.bus.log.RetentionLog} appends and expires; {@link dev.evbus.bus.log.LogReader}
 * copies a consumer's events out as frames; {@code SegmentStore} keeps a durable log on disk.
 * {@link dev.evbus.bus.log.LogState} is what {@code status} reads of it: the log speaks no wire
 * type, the bus's status answer maps it.
 */
package dev.evbus.bus.log;
