package dev.evbus.pipeline.dlq;

import java.nio.file.Path;

/** One file of a dead-letter directory: a letter, or a file that is not one (reported, never fatal). */
public sealed interface Listing {
    Path file();

    record Readable(StoredLetter stored) implements Listing {
        @Override
        public Path file() {
            return stored.file();
        }
    }

    record Unreadable(Path file, String problem) implements Listing {
    }
}
