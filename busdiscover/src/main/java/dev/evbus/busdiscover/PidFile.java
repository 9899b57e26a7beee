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
import java.util.List;
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
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Instant started = lines.size() > 1 && !lines.get(1).isBlank() ? InstantText.parse(lines.get(1).trim()) : Instant.EPOCH;
            return Optional.of(new PidFile(pid, started));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
