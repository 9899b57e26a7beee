package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A durable {@code publish --ack} whose bus cannot write its segments hears why, at once.
 *
 * <p>What this simulates: a full disk. The consumer, and so the bus it forks, runs under a file size
 * limit of 64 KiB (RLIMIT_FSIZE, which needs no privilege; the JVM ignores SIGXFSZ), so the first
 * segment write past it fails with EFBIG where a full disk gives ENOSPC: the same failed write on
 * the same path through the bus, with another reason from the OS.
 */
@ExtendWith(EvbusExtension.class)
class DiskFullAckIT {

    @Test
    void aDurableAckOnADiskThatFailsSaysTheEventsAreNotStoredAndWhy(Evbus evbus) {
        evbus.writeAppConfig("{\"retention\": {\"durable\": true}}");
        evbus.shell("ulimit -f 64; exec " + evbus.launcher() + " consume raw").awaitReady();
        String line = "{\"event_type\": \"big\", \"payload\": {\"x\": \"" + "a".repeat(200_000) + "\"}}\n";

        // Before, the bus waited 60 s for the disk and closed the connection: "the bus closed the connection".
        CommandResult result = evbus.runWithInput(line, "publish", "--stdin", "--ack");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), result.toString());
        String error = result.stderr().get(0);
        assertTrue(error.startsWith("evbus: publishing failed: the bus answered: events not stored on disk: the durable log"
                + " cannot write segment files in \"" + evbus.appDir().resolve("log") + "\": \"File too large\""), error);
        List<String> warnings = evbus.busLogLines().stream().filter(l -> l.contains("WARN not acknowledged to")).toList();
        assertEquals(1, warnings.size(), String.join("\n", evbus.busLogLines()));
    }
}
