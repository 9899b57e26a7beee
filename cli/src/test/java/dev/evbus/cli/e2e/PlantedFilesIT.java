package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Files planted where evbus keeps its state: a link is refused, never followed, and a directory of
 * this user that is not private is made private. Each through a consumer that starts a bus, as a
 * user would meet it.
 */
@ExtendWith(EvbusExtension.class)
class PlantedFilesIT {

    @Test
    void aBusLogLinkIsRefusedInOneLineAndItsTargetIsNeverWritten(Evbus evbus) throws IOException {
        Path target = evbus.base().resolve("elsewhere.log");
        Files.createDirectories(evbus.appDir());
        Files.createSymbolicLink(evbus.busLog(), target);

        EvbusProcess consumer = evbus.consume("raw");
        int exit = consumer.awaitExit();

        assertEquals(2, exit, consumer.describe());
        List<String> stderr = consumer.stderr();
        assertEquals(1, stderr.size(), consumer.describe());
        assertTrue(stderr.get(0).startsWith("evbus: refusing " + evbus.busLog() + ": it is a symbolic link"), consumer.describe());
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "the bus wrote through the link to " + target);
        assertTrue(Files.isSymbolicLink(evbus.busLog()), "the link was replaced, not refused");
        assertFalse(Files.exists(evbus.appDir().resolve("bus.pid")), "a bus started anyway");
    }

    @Test
    void aLinkedSegmentDirectoryIsRefusedAndLeftAsItWas(Evbus evbus) throws IOException {
        evbus.writeAppConfig("{\"retention\": {\"durable\": true}}");
        Path outside = Files.createDirectory(evbus.base().resolve("segments"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        Files.createDirectories(evbus.appDir());
        Files.createSymbolicLink(evbus.appDir().resolve("log"), outside);

        EvbusProcess consumer = evbus.consume("raw");
        int exit = consumer.awaitExit();

        assertNotEquals(0, exit, consumer.describe());
        String refusal = "refusing " + evbus.appDir().resolve("log") + ": it is a symbolic link (to " + outside + ")";
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains(refusal)),
                "bus.log does not say why\n" + String.join("\n", evbus.busLogLines()));
        try (var entries = Files.list(outside)) {
            assertEquals(List.of(), entries.toList(), "segments were written through the link");
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)),
                "the link's target was changed");
    }

    @Test
    void anAppDirectoryThatExistsAt0755IsMadePrivate(Evbus evbus) throws IOException {
        Path events = evbus.home().resolve("events");
        Files.createDirectories(evbus.appDir());
        Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(evbus.appDir(), PosixFilePermissions.fromString("rwxr-xr-x"));

        evbus.consumeReady("raw");

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(events)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evbus.appDir())));
    }
}
