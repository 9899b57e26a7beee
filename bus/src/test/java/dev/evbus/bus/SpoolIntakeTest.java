package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.PublishFrame;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolIntakeTest {
    @TempDir
    Path root;

    private final List<String> published = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int storedAt = -1;

    private final EventIntake intake = new EventIntake((eventType, eventId, sourceTime, payload, payloadOffset, payloadLength, remote) -> {
        published.add(eventId);
        return seen.add(eventId) ? published.size() : EventIntake.DUPLICATE;
    }, TimeSource.system());

    @Test
    void filesAreTakenOldestFirstCheckedLikeLivePublishesAndDeletedOnceStored() throws Exception {
        AppPaths paths = new Home(root).app("a");
        Path spool = paths.spoolDir();
        Files.createDirectories(spool);
        Files.write(spool.resolve("0000000002000-0000000001-000000.spool"), frames("c", "d"));
        byte[] first = concat(frames("a", "b"), "{\"type\":\"publish\",\"event_type\":\"t.*\",\"event_id\":\"x\",\"payload\":1}\nnot json\n"
                .getBytes(StandardCharsets.UTF_8), frames("a"), "{\"type\":\"publi".getBytes(StandardCharsets.UTF_8));
        Files.write(spool.resolve("0000000001000-0000000001-000000.spool"), first);
        Path owned = spool.resolve("0000000000500-0000000002-000000.spool");
        Files.write(owned, frames("owned"));

        Path logFile = root.resolve("bus.log");
        int taken;
        try (FileChannel channel = FileChannel.open(owned, StandardOpenOption.WRITE); FileLock lock = channel.lock();
             BusLog log = BusLog.to(new java.io.PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8))) {
            taken = new SpoolIntake(paths, log, intake, () -> storedAt = published.size()).takeAll();
        }

        assertEquals(6, taken);
        assertEquals(List.of("a", "b", "a", "c", "d"), published, "the rejected event never reaches the log");
        assertEquals(5, storedAt);
        assertEquals(List.of(owned), Files.list(spool).toList(), "only the file a live writer owns stays");
        String log = Files.readString(logFile);
        assertTrue(log.contains("rejected an event: \"event_type must not contain '*' (an exact type"), log);
        assertTrue(log.contains("at byte " + (frames("a", "b").length + 65) + ": "), log);
        assertTrue(log.contains("truncated last line"), log);
        assertTrue(log.contains(": 4 events (1 duplicates, 1 rejected)"), log);
    }

    private static byte[] frames(String... ids) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String id : ids) {
            out.write(PublishFrame.encode("t.x", id, "1", "{}".getBytes(StandardCharsets.UTF_8), false));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
