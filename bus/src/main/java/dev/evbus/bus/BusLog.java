package dev.evbus.bus;

import dev.evbus.event.AppPaths;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The bus's {@code bus.log}. Callers pass untrusted text through {@link dev.evbus.protocol.JsonText#quote}
 * so no peer can forge a line; the log rotates once, to {@code bus.log.1}, when it starts past 5 MB.
 */
public final class BusLog implements AutoCloseable {
    static final long ROTATE_AT_BYTES = 5L * 1024 * 1024;

    /** Guarded by {@code this}: lines from concurrent connections must not interleave. */
    private final OutputStream out;

    private BusLog(OutputStream out) {
        this.out = out;
    }

    public static BusLog open(AppPaths paths) throws IOException {
        rotateIfLarge(paths);
        AppPaths.ensurePrivateFile(paths.logFile());
        return new BusLog(new FileOutputStream(paths.logFile().toFile(), true));
    }

    /** A log that writes to a stream, for tests and for the foreground {@code _bus --log-stderr}. */
    public static BusLog to(PrintStream stream) {
        return new BusLog(stream);
    }

    /** Moves a log past the limit aside, keeping one generation. */
    public static void rotateIfLarge(AppPaths paths) throws IOException {
        Path log = paths.logFile();
        try {
            if (Files.size(log) > ROTATE_AT_BYTES) {
                Files.move(log, paths.rotatedLogFile(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (NoSuchFileException fresh) {
            // nothing to rotate yet
        }
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARN", message);
    }

    private void write(String level, String message) {
        String line = Instant.now() + " " + level + " " + message.replace('\n', ' ').replace('\r', ' ') + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // a full disk must not take the bus down; the line is lost
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            out.close();
        }
    }
}
