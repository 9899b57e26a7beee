/**
 * The bus's retention log: events appended once with an offset, read by every consumer at its own
 * pace.
 *
 * <p>{@link dev.evbus.bus.log.RetentionLog} is the log: {@code ChunkList} holds its
 * {@link dev.evbus.bus.log.Chunk}s oldest first, each a run of records laid out as
 * {@link dev.evbus.bus.log.RecordFormat} says (the same bytes in memory and on disk), and
 * {@code Eviction} lets the oldest go, by bytes then age. Each consumer reads through a
 * {@link dev.evbus.bus.log.LogReader}, which tells whether a record is for it from
 * {@code TypeTable}'s type numbers and its {@code TypeFilter}, and waits for appends on a
 * {@code Watermark}. A durable log mirrors each chunk in a segment file:
 * {@link dev.evbus.bus.log.SegmentStore} (the on-disk {@link dev.evbus.bus.log.LogStorage}) names
 * them through {@code SegmentFiles}, writes them on one thread ({@code SegmentFlusher} with
 * {@code SegmentWriter}: group commit) and reads them back at open ({@code SegmentRecovery},
 * {@code SegmentScanner}); {@link dev.evbus.bus.log.CursorFile} keeps its named cursors
 * ({@link dev.evbus.bus.log.StoredCursor}). {@link dev.evbus.bus.log.LogState} is what
 * {@code status} reads of the log: the log speaks no wire type, the bus's status answer maps it.
 */
package dev.evbus.bus.log;
