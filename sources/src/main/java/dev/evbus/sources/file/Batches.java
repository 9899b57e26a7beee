package dev.evbus.sources.file;

import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a file's complete lines in batches and saves the position after each batch, only once the
 * bus has taken its lines: a crash between the two repeats that batch on restart (at-least-once),
 * never skips it. Only the poller uses it.
 */
final class Batches {
    static final int BATCH_LINES = 1000;

    /** The bus failed to take a valid line; it is read again on the next poll. */
    static final class NotTaken extends IOException {
        NotTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final LinePublisher lines;
    private final PositionFile positions;
    private final Path path;
    private final Consumer<String> log;
    private final BooleanSupplier stopping;
    private boolean saveFailing;

    Batches(LinePublisher lines, PositionFile positions, Path path, Consumer<String> log, BooleanSupplier stopping) {
        this.lines = lines;
        this.positions = positions;
        this.path = path;
        this.log = log;
        this.stopping = stopping;
    }

    /**
     * Publishes the lines of {@code file} (whose identity is {@code fileKey}) from where
     * {@code scanner} is to the file's current end; with {@code last}, a final line without its
     * newline too. Returns how many lines were read.
     */
    int drain(FileChannel file, String fileKey, LineScanner scanner, boolean last) throws IOException {
        long end = file.size();
        int total = 0;
        while (!stopping.getAsBoolean()) {
            int count;
            try {
                count = scanner.scan(file, end, BATCH_LINES, last, lines);
            } catch (LinePublisher.Failed failed) {
                scanner.reset(failed.lineStart);
                save(fileKey, failed.lineStart);
                throw new NotTaken("the bus did not take the line at byte " + failed.lineStart + ": " + failed.getMessage(), failed);
            } finally {
                lines.endBatch();
            }
            if (count == 0) {
                break;
            }
            total += count;
            save(fileKey, scanner.position());
        }
        return total;
    }

    /** Saves a position; a failure is counted and logged once until a save works again. */
    void save(String fileKey, long offset) {
        try {
            positions.save(new PositionFile.Saved(path, fileKey, offset));
            saveFailing = false;
        } catch (IOException unsaved) {
            lines.fault();
            if (!saveFailing) {
                log.accept("file source: cannot save its position in " + JsonText.quote(positions.file().toString())
                        + ": " + unsaved + " (until it can, a restart reads those lines again)");
            }
            saveFailing = true;
        }
    }
}
