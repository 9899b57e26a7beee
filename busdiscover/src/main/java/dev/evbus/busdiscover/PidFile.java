package dev.evbus.busdiscover;

import dev.evbus.config.InstantText;
import dev.evbus.config.PrivatePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The bus's {@code bus.pid}: its pid and RFC 3339 start time, one per line. Written to a temp file
 * and renamed so a reader never sees half of it. Informational: the alive lock decides liveness.
 * The time is {@link Instant#toString}'s text, written and read by {@link InstantText} so a bus
 * loads no {@code java.time.format} for it; the file is the same as ever for CLIs of any version.
 */
public record PidFile(long pid, Instant startedAt) {

    public void writeTo(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try (FileChannel out = PrivatePaths.open(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((pid + "\n" + InstantText.format(startedAt) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Optional<PidFile> read(Path file) {
        try {
            // Split by hand rather than by readAllLines or lines(): no reader, decoder or stream
            // classes at every command's start for two short lines
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            int end = text.indexOf('\n');
            long pid = Long.parseLong((end < 0 ? text : text.substring(0, end)).trim());
            String second = end < 0 ? "" : text.substring(end + 1);
            int secondEnd = second.indexOf('\n');
            second = (secondEnd < 0 ? second : second.substring(0, secondEnd)).trim();
            Instant started = second.isEmpty() ? Instant.EPOCH : InstantText.parse(second);
            return Optional.of(new PidFile(pid, started));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
