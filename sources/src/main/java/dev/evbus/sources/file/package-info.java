/**
 * The NDJSON file follower: a source that publishes each line appended to a file, across rotation,
 * truncation, the file's absence and bus restarts (its position saved in
 * {@code events/<app>/sources/file.pos}).
 *
 * <p>{@link dev.evbus.sources.file.FileSourceFactory} reads {@code sources.file}
 * ({@link dev.evbus.sources.file.FileSourceConfig}) and builds the
 * {@link dev.evbus.sources.file.FileSource}, which follows the file like {@code tail -F}:
 * {@code Resume} picks up from the {@code PositionFile}, {@code FileIdentity} tells a rotated or
 * truncated file from the one it was reading, {@code LineScanner} cuts bounded reads into lines,
 * {@code LinePublisher} turns them into events through the {@code LineFormat} (a publish line, or
 * any JSON object typed by a field), and {@code Batches} saves the position only once the bus has
 * taken a batch's lines.
 */
package dev.evbus.sources.file;
