/**
 * The NDJSON file follower: a source that publishes each line appended to a file, across rotation,
 * truncation, the file's absence and bus restarts (its position saved in {@code events/<app>/sources/file.pos}).
 */
package dev.evbus.sources.file;
