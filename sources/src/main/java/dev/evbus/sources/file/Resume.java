package dev.evbus.sources.file;

import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** Picks up where a previous run of the file source left off, from its saved position. Only the poller uses it. */
final class Resume {
    private final FileSourceConfig config;
    private final Path path;
    private final String quotedPath;
    private final PositionFile positions;
    private final Batches batches;
    private final Consumer<String> log;

    Resume(FileSourceConfig config, PositionFile positions, Batches batches, Consumer<String> log) {
        this.config = config;
        this.path = config.path();
        this.quotedPath = JsonText.quote(path.toString());
        this.positions = positions;
        this.batches = batches;
        this.log = log;
    }

    /**
     * Where the file found at the first look starts being read (after finishing a rotated one): its saved position when it is the
     * same file; after the rest of the saved file when that was rotated away while the bus was down
     * (found beside it by its key); otherwise per {@code start_at} (a file that appears later: 0).
     */
    long offset(FileIdentity now, boolean missingAtStart) throws IOException {
        PositionFile.Saved saved = positions.load(log);
        if (saved != null && !saved.path().equals(path)) {
            log.accept("file source: its saved position is for " + JsonText.quote(saved.path().toString())
                    + ", not " + quotedPath + "; starting as for a file never seen");
            saved = null;
        }
        if (saved == null) {
            return config.startAt() == FileSourceConfig.StartAt.END && !missingAtStart ? now.size() : 0;
        }
        if (saved.fileKey().equals(now.key())) {
            if (saved.offset() <= now.size()) {
                return saved.offset();
            }
            log.accept("file source: " + quotedPath + " is shorter than its saved position " + saved.offset()
                    + " (truncated while the bus was down); reading it from its start");
            return 0;
        }
        Path rotated = FileIdentity.rotatedSibling(path, saved.fileKey());
        if (rotated == null) {
            log.accept("file source: " + quotedPath + " was replaced while the bus was down and the old file is not"
                    + " beside it; reading the new one from its start");
            return 0;
        }
        log.accept("file source: " + quotedPath + " was rotated while the bus was down; reading the rest of "
                + JsonText.quote(rotated.toString()) + " from byte " + saved.offset() + " first");
        try (FileChannel old = FileChannel.open(rotated, StandardOpenOption.READ)) {
            batches.drain(old, saved.fileKey(), new LineScanner(config.maxLine(), saved.offset()), true);
        }
        return 0;
    }
}
