package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A home or spool evbus cannot write costs one line saying so, at once, and points nowhere that
 * cannot exist; no library's logger writes to the terminal meanwhile.
 */
@ExtendWith(EvbusExtension.class)
class UnusableHomeIT {

    @Test
    void publishSpoolUnderARegularFileFailsAtOnceWithOneLine(Evbus evbus) throws IOException {
        Path file = Files.writeString(evbus.base().resolve("a-file"), "not a directory\n");
        evbus.env("EVBUS_HOME", file.resolve("evbus").toString());

        // Before, the events waited 60 s for a spool that could never be written, then 10 s more
        // at close, and two java.util.logging warnings came first: the run's 60 s patience fails that.
        CommandResult result = evbus.run("publish", "a.b", "--spool");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), result.toString());
        String line = result.stderr().get(0);
        assertTrue(line.startsWith("evbus: cannot create the spool " + file.resolve("evbus/events/default/spool")), line);
        assertTrue(line.contains(file + ": exists and is not a directory"), line);
        assertTrue(line.contains("EVBUS_HOME"), line);
    }

    /**
     * A file size limit of 0 (RLIMIT_FSIZE, which needs no privilege) stands in for a full disk: the
     * JVM ignores SIGXFSZ, so the spool's first write fails as it would with ENOSPC, only with EFBIG.
     * Before, the publisher's java.util.logging warnings came first, two lines each, and the
     * command waited 70 s (the run's 60 s patience fails that).
     */
    @Test
    void publishSpoolThatCannotBeWrittenFailsAtOnceInOneLineWithoutLibraryLogLines(Evbus evbus) {
        EvbusProcess publish = evbus.shell("ulimit -f 0; exec " + evbus.launcher() + " publish a.b --spool");
        int exit = publish.awaitExit(Duration.ofSeconds(60));

        assertEquals(1, exit, publish.describe());
        assertEquals(List.of("evbus: 1 event(s) could not be spooled (writing the spool failed: "
                + evbus.appDir().resolve("spool") + ": File too large)"), publish.stderr(), publish.describe());
    }

    /** procfs refuses every mkdir, for root too: a home that cannot be created, wherever the test runs as whom. */
    @Test
    void aConsumerWhoseHomeCannotBeCreatedSaysSoWithoutPointingToABusLog(Evbus evbus) {
        Path home = Path.of("/proc", "evbus-home-" + ProcessHandle.current().pid());
        evbus.env("EVBUS_HOME", home.toString());

        EvbusProcess consumer = evbus.consume("raw");
        int exit = consumer.awaitExit();

        assertEquals(1, exit, consumer.describe());
        assertEquals(1, consumer.stderr().size(), consumer.describe());
        String line = consumer.stderr().get(0);
        assertTrue(line.startsWith("evbus: cannot prepare " + home.resolve("events/default") + ": " + home
                + ": cannot create it"), line);
        assertTrue(line.contains("EVBUS_HOME"), line);
        assertFalse(line.contains("bus.log"), "points to a bus.log that cannot exist: " + line);
    }
}
