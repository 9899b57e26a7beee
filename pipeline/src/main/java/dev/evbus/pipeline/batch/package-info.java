/**
 * The {@code batch} stage: items grouped by count and time into one JSON array.
 *
 * <p>{@link dev.evbus.pipeline.batch.BatchStage} emits its array when it holds {@code size} items,
 * when {@code window} has passed since its first item, and at the end of the stream.
 */
package dev.evbus.pipeline.batch;
