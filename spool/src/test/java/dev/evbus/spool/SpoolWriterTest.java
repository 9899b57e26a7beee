package dev.evbus.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import dev.evbus.event.TimeSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWriterTest {
    @TempDir
    Path home;

    @Test
    void framesAreWrittenAsPrivateFilesThatRollPastTheSizeLimitAndReadBackInOrder() throws IOException {
        SpoolDirectory directory = new SpoolDirectory(home.resolve("spool"));
        byte[] frame = frame("e1");
        try (SpoolWriter writer = new SpoolWriter(directory, frame.length * 2L, TimeSource.system())) {
            for (int i = 1; i <= 5; i++) {
                byte[] f = frame("e" + i);
                writer.append(f, 0, f.length, 1);
            }
            assertEquals(5, writer.events());
            assertEquals(5L * frame.length, writer.bytes());
        }
        List<Path> files = directory.files();
        assertEquals(3, files.size(), files.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.dir())));
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            try (SpoolFile claimed = directory.tryClaim(file).orElseThrow()) {
                SpoolReader reader = claimed.reader((f, offset, reason) -> ids.add("problem " + reason));
                for (Message.Publish p = reader.next(); p != null; p = reader.next()) {
                    ids.add(p.eventId());
                }
            }
        }
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), ids);
    }

    @Test
    void filesStayOwnedByTheWriterUntilItClosesOrDeletesThem() throws IOException {
        SpoolDirectory directory = new SpoolDirectory(home.resolve("spool"));
        byte[] frame = frame("a");
        SpoolWriter writer = new SpoolWriter(directory, 1 << 20, TimeSource.system());
        writer.append(frame, 0, frame.length, 1);
        Path file = directory.files().get(0);
        assertTrue(directory.tryClaim(file).isEmpty(), "a live writer's file cannot be claimed");

        writer.seal();
        writer.append(frame, 0, frame.length, 1);
        assertEquals(2, directory.files().size(), "a sealed file takes no more appends");
        writer.delete(writer.oldest());
        assertEquals(1, directory.files().size());
        assertEquals(1, writer.events());

        writer.close();
        try (SpoolFile claimed = directory.tryClaim(directory.files().get(0)).orElseThrow()) {
            assertEquals(frame.length, claimed.bytes());
        }
    }

    static byte[] frame(String id) {
        return PublishFrame.encode("t.x", id, null, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), false);
    }
}
