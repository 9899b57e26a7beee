package dev.evbus.bus;

import dev.evbus.config.PrivatePaths;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * How far the bridge's outgoing side got in the local log: the newest offset whose event (and every
 * local one before it) the other engine stored. With a durable log it lives in
 * {@code events/<app>/bridge-nats.offset}, replaced by rename after a forced write, so a restarted
 * bus resumes right after it; with a memory log the log itself starts over, and so does the cursor.
 *
 * <p>A bridge enabled for the first time starts at the log's end: what was accepted before it
 * existed is not exported. A file that cannot be read starts it at the log's beginning instead:
 * sending retained events again is harmless (the engine and every bus drop repeated ids), losing
 * them is not.
 */
final class BridgeCursor {
    private final Path file;
    private final Consumer<String> warn;
    /** The newest committed offset, -1 for none; written under this object's lock, read by status from any thread. */
    private volatile long committed;

    private BridgeCursor(Path file, long committed, Consumer<String> warn) {
        this.file = file;
        this.committed = committed;
        this.warn = warn;
    }

    /** A cursor kept in {@code file}, or only in memory when {@code file} is null; {@code logEnd} is the log's next offset. */
    static BridgeCursor open(Path file, long logEnd, Consumer<String> warn) {
        if (file == null) {
            return new BridgeCursor(null, logEnd - 1, warn);
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new BridgeCursor(file, Long.parseLong(text), warn);
        } catch (NoSuchFileException first) {
            return new BridgeCursor(file, logEnd - 1, warn);
        } catch (IOException | NumberFormatException unreadable) {
            warn.accept("the bridge's cursor " + JsonText.quote(file.toString()) + " is unreadable ("
                    + JsonText.quote(String.valueOf(unreadable.getMessage())) + "); sending the retained log again");
            return new BridgeCursor(file, -1, warn);
        }
    }

    long committed() {
        return committed;
    }

    /** Records that everything through {@code offset} is stored elsewhere; older offsets are ignored. */
    synchronized void commit(long offset) {
        if (offset <= committed) {
            return;
        }
        committed = offset;
        if (file != null) {
            save(offset);
        }
    }

    private void save(long offset) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = PrivatePaths.open(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((offset + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        } catch (IOException e) {
            warn.accept("cannot save the bridge's cursor: " + JsonText.quote(String.valueOf(e.getMessage())));
            return;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            warn.accept("cannot save the bridge's cursor: " + JsonText.quote(String.valueOf(e.getMessage())));
        }
    }
}
