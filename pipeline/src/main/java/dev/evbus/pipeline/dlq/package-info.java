/**
 * Dead letters on disk: items whose stage or sink failed for the last time, one JSON file each in
 * {@code $EVBUS_HOME/dlq/<app>/<key>/}, and their replay through the stage that failed.
 *
 * <p>{@link dev.evbus.pipeline.dlq.DeadLetterStore} keeps one app's letters, each written whole by
 * rename in the format of {@code LetterJson} under an id from {@code LetterIds} (sortable by time),
 * and lists a directory as {@link dev.evbus.pipeline.dlq.Listing}s: a
 * {@link dev.evbus.pipeline.dlq.StoredLetter}, or a file that is not one.
 * {@link dev.evbus.pipeline.dlq.LetterSelection} is what {@code dlq replay} and {@code dlq purge} act
 * on; {@link dev.evbus.pipeline.dlq.DeadLetterReplay} runs a letter's failed stage again, alone,
 * found and compiled by {@code StageAt} from the key's current definition.
 */
package dev.evbus.pipeline.dlq;
