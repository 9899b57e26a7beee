package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A jq expression that runs too long or produces too much costs only its event: the consumer warns,
 * counts it, dead-letters it where the key says so, delivers the next event and stops on SIGTERM.
 */
@ExtendWith(EvbusExtension.class)
class RunawayStagesIT {
    private static final String BACKTRACKING = "a".repeat(66) + "b";

    static Path install(Evbus evbus, String name, String text) throws IOException {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        return Files.writeString(keys.resolve(name), text);
    }

    /** Publishes the runaway event, then an ordinary one, and waits for the ordinary one's line. */
    private static void publishRunawayThenOrdinary(Evbus evbus, EvbusProcess consumer, String runaway, String ordinary) {
        evbus.publish("job.run", "runaway-1", runaway);
        evbus.publish("job.run", "ordinary-2", ordinary);
        consumer.awaitStdoutContaining("\"ordinary\"");
    }

    @Test
    void aTransformBuildingATrillionElementArrayIsDeadLetteredAndTheNextEventArrives(Evbus evbus) throws IOException {
        install(evbus, "grow.yaml", """
                key: grow
                event_types: [job.*]
                stages:
                  - transform: {expr: 'if .n == 1 then [range(1e12)] else . end', on_error: dead_letter}
                """);
        EvbusProcess consumer = evbus.consumeReady("grow");
        publishRunawayThenOrdinary(evbus, consumer, "{\"n\":1}", "{\"n\":2,\"ordinary\":true}");

        assertEquals(List.of("{\"n\":2,\"ordinary\":true}"), consumer.stdout());
        String warning = consumer.awaitStderrContaining("runaway-1");
        assertEquals("[event] warning: event \"runaway-1\": /stages/0/transform failed, dead-lettered: jq if .n == 1 then"
                + " [range(1e12)] else . end: produced more than 1MiB of output (the stage_output limit)", warning);
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.exitedLine().endsWith("(reason: signal); pipeline: filtered 0, failed 1, dead-lettered 1"),
                consumer.describe());
        assertTrue(consumer.stderr().stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
                consumer.describe());
        CommandResult letters = evbus.run("dlq", "list", "grow", "--json");
        assertEquals(1, Evbus.parse(letters.stdoutText()).size(), letters.toString());
        assertEquals("runaway-1", Evbus.parse(letters.stdoutText()).get(0).path("event_id").asText(), letters.toString());
    }

    @Test
    void aBacktrackingRegularExpressionStopsAtTheKeysTimeLimitAndTheNextEventArrives(Evbus evbus) throws IOException {
        install(evbus, "redos.yaml", """
                key: redos
                event_types: [job.*]
                limits: {stage_time: 300ms}
                stages:
                  - filter: '.s | test("^(a+)+$")'
                """);
        EvbusProcess consumer = evbus.consumeReady("redos");
        publishRunawayThenOrdinary(evbus, consumer, "{\"s\":\"" + BACKTRACKING + "\"}", "{\"s\":\"aaa\",\"ordinary\":true}");

        assertEquals("[event] warning: event \"runaway-1\": /stages/0/filter failed: jq .s | test(\"^(a+)+$\"): ran longer"
                + " than 300ms (the stage_time limit)", consumer.awaitStderrContaining("runaway-1"));
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.exitedLine().endsWith("(reason: signal); pipeline: filtered 0, failed 1"), consumer.describe());
    }

    @Test
    void consumeJqRunsWithTheDefaultLimits(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--jq", ".payload | if .n == 1 then [range(1e12)] else . end");
        publishRunawayThenOrdinary(evbus, consumer, "{\"n\":1}", "{\"n\":2,\"ordinary\":true}");

        assertEquals(List.of("{\"n\":2,\"ordinary\":true}"), consumer.stdout());
        assertEquals("[event] warning: skipped event \"runaway-1\": --jq failed: produced more than 1MiB of output (the"
                + " stage_output limit)", consumer.awaitStderrContaining("runaway-1"));
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
    }

    /**
     * A stage given all the time the limits allow (10 minutes) still cannot keep a consumer past
     * SIGTERM: after the documented 30 s it says so and exits with 128+15.
     */
    @Test
    void sigtermEndsAConsumerWithinItsGraceWhateverItsStageIsDoing(Evbus evbus) throws IOException {
        install(evbus, "slow.yaml", """
                key: slow
                event_types: [job.*]
                limits: {stage_time: 10m}
                stages:
                  - filter: '.s | test("^(a+)+$")'
                """);
        EvbusProcess consumer = evbus.consumeReady("slow");
        evbus.publish("job.run", "runaway-1", "{\"s\":\"" + "a".repeat(5000) + "b\"}");
        long before = cpuTicks(consumer.pid());
        // a second of CPU after the ready line: the consumer is inside its stage
        Poll.until(Poll.PATIENCE, "the consumer to be busy in its stage", () -> cpuTicks(consumer.pid()) - before >= 100,
                consumer::describe);
        long signalled = System.nanoTime();
        consumer.terminate();

        assertEquals(143, consumer.awaitExit(Duration.ofSeconds(60)), consumer.describe());
        long seconds = Duration.ofNanos(System.nanoTime() - signalled).toSeconds();
        assertTrue(seconds >= 29 && seconds < 45, "exited " + seconds + " s after SIGTERM");
        assertTrue(consumer.stderr().contains("evbus: still running 30s after the signal (a hook or a call that does not"
                + " return); exiting now without cleanup"), consumer.describe());
        evbus.awaitConsumers(0);
    }

    /** User and system CPU time of a process, in clock ticks (1/100 s), from {@code /proc/PID/stat}. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException gone) {
            return Long.MAX_VALUE / 2;
        }
    }
}
