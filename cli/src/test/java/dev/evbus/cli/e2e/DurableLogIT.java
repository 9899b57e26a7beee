package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Durable mode ({@code "retention":{"durable":true}}): acknowledged events are on disk, survive a
 * kill -9 of the bus and a torn tail, and come back exactly once; named cursors survive restarts.
 */
@ExtendWith(EvbusExtension.class)
class DurableLogIT {
    private static final String DURABLE = "{\"retention\":{\"durable\":true}}";
    private static final int EVENTS = 5_000;
    private static final Pattern CUT = Pattern.compile("(?i).*\\b(torn|cut|truncat\\w*)\\b.*");

    @Test
    void acknowledgedEventsSurviveAKillNineOfTheBusAndComeBackExactlyOnceInOrder(Evbus evbus) throws IOException {
        evbus.writeAppConfig(DURABLE);
        publishAcknowledgedThenKillTheBus(evbus);

        Path logDir = evbus.appDir().resolve("log");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logDir)), logDir.toString());
        List<Path> files = regularFiles(logDir);
        assertFalse(files.isEmpty(), "no segment files in " + logDir);
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }

        assertRecoveredExactlyOnce(evbus);
    }

    @Test
    void aTornTailIsCutAtRestartAndEveryAcknowledgedEventStillComesBack(Evbus evbus) throws IOException {
        evbus.writeAppConfig(DURABLE);
        publishAcknowledgedThenKillTheBus(evbus);
        long cutLinesBefore = cutLines(evbus);

        Path newest = regularFiles(evbus.appDir().resolve("log")).stream()
                .max(Comparator.comparing((Path file) -> lastModified(file)).thenComparing(Path::toString))
                .orElseThrow(() -> new AssertionError("no segment files"));
        Files.write(newest, "\u0000\u0007{\"torn\":garbage-after-the-last-record".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        assertRecoveredExactlyOnce(evbus);
        assertEquals(cutLinesBefore + 1, cutLines(evbus),
                "one bus.log line about cutting the torn tail of " + newest + "\n" + String.join("\n", evbus.busLogLines()));
    }

    @Test
    void aNamedCursorSurvivesABusRestartAndItsConsumerResumesAfterIt(Evbus evbus) {
        evbus.writeAppConfig(DURABLE);
        EvbusProcess anchor = evbus.consumeReady("raw", "-p", "type=cur.*");
        EvbusProcess keeper = evbus.consumeReady("raw", "-p", "type=cur.*", "--durable", "keep");
        publishAcked(evbus, "cur.tick", "c", 0, 50);
        keeper.awaitStdoutContaining("\"c49\"");
        keeper.closeStdin();
        assertEquals(0, keeper.awaitExit(), keeper.describe());
        // published while the cursor's consumer is away
        publishAcked(evbus, "cur.tick", "c", 50, 100);
        anchor.awaitStdoutContaining("\"c99\"");
        anchor.closeStdin();
        assertEquals(0, anchor.awaitExit(), anchor.describe());
        long oldPid = evbus.busPid();
        CommandResult stop = evbus.run("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        Evbus.awaitProcessExit(oldPid);

        EvbusProcess resumed = evbus.consumeReady("raw", "-p", "type=cur.*", "--durable", "keep");
        assertTrue(evbus.busPid() != oldPid, "a new bus runs");
        JsonNode cursor = DurableCursorIT.cursor(evbus, "keep");
        assertTrue(cursor != null, "the cursor survived the restart");
        // at c49's offset (50) or past it once the resumed consumer commits; a cursor the new bus
        // did not know would be a new one at 0, and its consumer would start live (as it did while
        // the stopping bus could exit in the middle of the tick's save: CursorsTest)
        assertTrue(cursor.path("offset").asLong() >= 50, "the cursor kept its offset across the restart: " + cursor);
        resumed.awaitStdoutLines(50);
        publishAcked(evbus, "cur.tick", "c", 100, 101);
        resumed.awaitStdoutContaining("\"c100\"");
        resumed.closeStdin();
        assertEquals(0, resumed.awaitExit(), resumed.describe());
        assertEquals(ids("c", 50, 101), resumed.eventIds(), resumed.describe());
    }

    /** A consumer starts the durable bus; 5,000 events are published with --ack; then the bus is killed with SIGKILL. */
    private static void publishAcknowledgedThenKillTheBus(Evbus evbus) {
        EvbusProcess anchor = evbus.consumeReady("raw", "-p", "type=dur.*");
        JsonNode log = evbus.status().path("retention_log");
        assertTrue(log.path("durable").asBoolean(), log.toString());
        publishAcked(evbus, "dur.tick", "d", 0, EVENTS);
        long pid = evbus.busPid();
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no bus process " + pid)).destroyForcibly();
        Evbus.awaitProcessExit(pid);
        assertEquals(1, anchor.awaitExit(), anchor.describe());
        assertEquals("not_running", evbus.status().path("state").asText());
    }

    /** consume --since all starts a new bus, which delivers d0..d4999 once each, in order, then live events. */
    private static void assertRecoveredExactlyOnce(Evbus evbus) {
        EvbusProcess replay = evbus.consumeReady("raw", "-p", "type=dur.*", "--since", "all");
        replay.awaitStdoutLines(EVENTS);
        // a live event marks the end of the replay: a duplicate would come before it
        evbus.publish("dur.tick", "live", "{}");
        replay.awaitStdoutContaining("\"live\"");
        replay.closeStdin();
        assertEquals(0, replay.awaitExit(), replay.describe());
        List<String> expected = new ArrayList<>(ids("d", 0, EVENTS));
        expected.add("live");
        assertEquals(expected, replay.eventIds(), "every acknowledged event once, in order, then the live one");
        List<JsonNode> events = replay.stdoutJson();
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).path("offset").asLong() > events.get(i - 1).path("offset").asLong(), events.get(i).toString());
        }
        assertTrue(replay.stderr().stream().noneMatch(line -> line.contains("warning")), replay.describe());
    }

    private static void publishAcked(Evbus evbus, String type, String prefix, int from, int to) {
        StringBuilder input = new StringBuilder();
        for (int i = from; i < to; i++) {
            input.append(Feeder.line(type, prefix + i, i));
        }
        CommandResult result = evbus.runWithInput(input.toString(), "publish", "--stdin", "--ack");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("accepted=" + (to - from) + " duplicates=0 rejected=0"), result.toString());
    }

    private static List<String> ids(String prefix, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static long cutLines(Evbus evbus) {
        return evbus.busLogLines().stream().filter(line -> CUT.matcher(line).matches()).count();
    }

    private static List<Path> regularFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no directory " + dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
