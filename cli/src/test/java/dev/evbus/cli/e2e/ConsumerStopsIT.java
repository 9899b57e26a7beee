package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way a consumer ends, each with its exit code and the reason on its exited line; and the output options. */
@ExtendWith(EvbusExtension.class)
class ConsumerStopsIT {

    @Test
    void closedStdoutEndsTheConsumerCleanlyAndItStillRunsTheCleanup(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        Journal journal = new Journal(evbus.workDir().resolve("journal.log"));
        EvbusProcess pipeline = evbus.shell("set -o pipefail; " + evbus.launcher() + " consume journal -p room=r -p file="
                + journal.file() + " | head -n 1");
        pipeline.awaitReady();
        ProcessHandle head = pipeline.handle().children()
                .filter(child -> child.info().command().map(command -> command.endsWith("/head")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no head in " + pipeline.describe()));
        ProcessHandle consumer = pipeline.handle().children().filter(child -> !child.equals(head)).findFirst().orElseThrow();

        evbus.publish("journal.first", "first", "{}");
        pipeline.awaitStdoutContaining("\"first\"");
        Poll.until(Poll.PATIENCE, "head to exit after its one line", () -> !head.isAlive());
        // a pipe tells the writer that its reader left only on the next write
        evbus.publish("journal.second", "second", "{}");

        assertEquals(0, pipeline.awaitExit(), "consumer and head both exit 0: " + pipeline.describe());
        assertEquals(1, pipeline.stdout().size(), pipeline.describe());
        assertTrue(pipeline.exitedLine().endsWith("(reason: stdout_closed)"), pipeline.exitedLine());
        assertEquals(List.of(new Journal.Entry("pre", "r", consumer.pid()),
                new Journal.Entry("cleanup-start", "r", consumer.pid()),
                new Journal.Entry("cleanup", "r", consumer.pid())), journal.entries());
    }

    @Test
    void sigtermExitsZeroWithReasonSignal(Evbus evbus) {
        assertStopsCleanly(evbus.consumeReady("raw"), EvbusProcess::terminate, "signal");
    }

    @Test
    void closingStdinExitsZeroWithReasonStdinClosed(Evbus evbus) {
        assertStopsCleanly(evbus.consumeReady("raw"), EvbusProcess::closeStdin, "stdin_closed");
    }

    private static void assertStopsCleanly(EvbusProcess consumer, Consumer<EvbusProcess> stop, String reason) {
        stop.accept(consumer);
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of(), consumer.stdout());
        assertExited(consumer, 0, reason);
    }

    @Test
    void maxEventsPrintsExactlyThatManyEventsAndExitsWithReasonLimit(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--max-events", "2");
        evbus.publishLines(List.of(event("m1", 1), event("m2", 2), event("m3", 3)));
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("m1", "m2"), consumer.eventIds());
        assertExited(consumer, 2, "limit");
    }

    @Test
    void timeoutExitsZeroWithReasonTimeout(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--timeout", "1s");
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of(), consumer.stdout());
        assertExited(consumer, 0, "timeout");
    }

    @Test
    void jqPrintsOnlyWhatTheExpressionSelects(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--jq", ".payload.n", "--max-events", "3");
        evbus.publishLines(List.of(event("j1", 1), event("j2", 2), event("j3", 3)));
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("1", "2", "3"), consumer.stdout());
    }

    @Test
    void quietPrintsNeitherTheReadyNorTheExitedLine(Evbus evbus) {
        EvbusProcess consumer = evbus.consume("raw", "--quiet", "--max-events", "1");
        evbus.awaitConsumers(1);
        evbus.publish("t.quiet", "q1", "{\"n\":1}");
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("q1"), consumer.eventIds());
        assertEquals(List.of(), consumer.stderr());
    }

    @Test
    void outputDirWritesOnePrivateFilePerEventHoldingTheEvent(Evbus evbus) throws IOException {
        EvbusProcess consumer = evbus.consumeReady("raw", "--output-dir", "out", "--max-events", "2");
        evbus.publishLines(List.of(event("o1", 1), event("o2", 2)));
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of(), consumer.stdout());
        assertExited(consumer, 2, "limit");

        List<Path> files;
        try (Stream<Path> list = Files.list(evbus.workDir().resolve("out"))) {
            files = list.sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            assertTrue(Files.isRegularFile(file) && !file.getFileName().toString().startsWith("."), file.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            JsonNode event = Evbus.parse(Files.readString(file));
            assertEquals("t.x", event.path("event_type").asText(), event.toString());
            assertTrue(event.path("seq").asLong() > 0, event.toString());
            ids.add(event.path("event_id").asText() + "=" + event.path("payload").path("n").asInt());
        }
        assertEquals(List.of("o1=1", "o2=2"), ids.stream().sorted().toList());
    }

    private static void assertExited(EvbusProcess consumer, int events, String reason) {
        String exited = consumer.exitedLine();
        assertTrue(exited.matches("\\[event] exited — received " + events + " event\\(s\\) in \\S+ \\(reason: " + reason + "\\)"),
                exited);
    }

    private static String event(String id, int n) {
        return "{\"event_type\":\"t.x\",\"event_id\":\"" + id + "\",\"payload\":{\"n\":" + n + "}}";
    }
}
