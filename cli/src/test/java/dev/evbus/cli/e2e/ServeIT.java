package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code evbus serve}: the app's bus in the foreground, as a systemd unit or a container runs it. */
@ExtendWith(EvbusExtension.class)
class ServeIT {
    private static final String STARTED = "serving in the foreground (no idle exit)";
    private static final String ADOPTED = "adopted, it no longer idles out";

    private static EvbusProcess serve(Evbus evbus) {
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining(STARTED);
        return serve;
    }

    @Test
    void serveRunsTheBusUntilSigtermWithoutIdleExitAndLogsToStderrAsWellAsBusLog(Evbus evbus) {
        evbus.env("EVBUS_IDLE_TIMEOUT", "1s");
        EvbusProcess serve = serve(evbus);

        JsonNode status = evbus.status();
        assertEquals("running", status.path("state").asText(), status.toString());
        assertEquals(serve.pid(), status.path("pid").asLong(), "the served bus is this very process");
        assertTrue(status.path("sources").isArray() && status.path("sources").isEmpty(), "no source configured: " + status);

        EvbusProcess consumer = evbus.consumeReady("raw");
        evbus.publish("order.placed", "o-1", "{\"total\":5}");
        consumer.awaitStdoutContaining("\"o-1\"");
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        evbus.awaitConsumers(0);

        // The bus's own clock, not a sleep: wait until it has run two whole seconds past the moment
        // nobody was attached, twice the idle timeout a consumer-started bus would exit after.
        JsonNode later = twoSecondsOfBusUptimeLater(evbus);
        assertEquals("running", later.path("state").asText());
        assertTrue(serve.isAlive(), serve.describe());
        assertTrue(evbus.busLogLines().stream().noneMatch(line -> line.contains("stopping: idle")),
                String.join("\n", evbus.busLogLines()));

        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
        for (String line : List.of("INFO stopping: signal SIGTERM", "INFO stopped")) {
            assertTrue(serve.stderr().stream().anyMatch(l -> l.endsWith(line)), "stderr has \"" + line + "\"\n" + serve.describe());
            assertTrue(evbus.busLogLines().stream().anyMatch(l -> l.endsWith(line)), "bus.log has \"" + line + "\"");
        }
        assertFalse(Files.exists(evbus.appDir().resolve("bus.pid")), "a served bus tidies up like any other");
        assertEquals("not_running", evbus.status().path("state").asText());
    }

    /** The status once the bus's own uptime has grown by two seconds: its clock, not a sleep. */
    private static JsonNode twoSecondsOfBusUptimeLater(Evbus evbus) {
        long from = evbus.status().path("uptime_sec").asLong();
        JsonNode[] last = new JsonNode[1];
        Poll.until(Poll.PATIENCE, "the bus's uptime to pass " + (from + 2) + " s", () -> {
            last[0] = evbus.status();
            return last[0].path("uptime_sec").asLong() >= from + 2;
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    /** A process's command line, from {@code /proc}: the flags its JVM really runs with. */
    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8);
            return Arrays.asList(raw.split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void serveBecomesABusWithTheJvmFlagsOfAConsumerStartedBusAndSigtermStopsItCleanly(Evbus evbus) {
        // 8 MiB of retention: a heap cap of 48 + 10 MiB, as for any bus of such an app
        String config = "{\"retention\": {\"max_bytes\": \"8MiB\"}}";
        evbus.writeAppConfig("forked", config);
        evbus.writeAppConfig(config);
        evbus.env("EVBUS_BUS_JAVA_OPTS", "-Devbus.serve.test=extra");
        EvbusProcess consumer = evbus.start("--app", "forked", "consume", "raw").awaitReady();
        List<String> forked = commandLine(evbus.status("forked").path("pid").asLong());

        EvbusProcess serve = serve(evbus);
        assertEquals(serve.pid(), evbus.busPid(), "the launcher became the bus: a supervisor's main pid is the bus");
        List<String> served = commandLine(serve.pid());
        assertEquals(List.of("--app", "default", "_serve"), served.subList(served.size() - 3, served.size()), served.toString());
        assertEquals(forked.subList(0, forked.size() - 3), served.subList(0, served.size() - 3),
                "the same JVM, flags and class path as the bus a consumer forks");
        for (String flag : List.of("-Xmx58m", "-XX:-TieredCompilation", "-XX:+UseSerialGC", "-Devbus.serve.test=extra")) {
            assertTrue(served.contains(flag), flag + " in " + served);
        }
        assertFalse(served.contains("-XX:TieredStopAtLevel=1"), "not the CLI's C1-only flags: " + served);

        // as soon as it said it started, as a supervisor may: the bus still stops cleanly
        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
        assertTrue(serve.stderr().stream().anyMatch(l -> l.endsWith("INFO stopping: signal SIGTERM")), serve.describe());
        assertFalse(Files.exists(evbus.appDir().resolve("bus.sock")), "the socket is removed");
        assertFalse(Files.exists(evbus.appDir().resolve("bus.pid")), "the pid file is removed");
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
    }

    @Test
    void aSecondServeForTheSameAppExitsOneNamingTheRunningBussPid(Evbus evbus) {
        EvbusProcess first = serve(evbus);
        CommandResult second = evbus.run("serve");
        assertEquals(1, second.exitCode(), second.toString());
        assertEquals(List.of("evbus: a bus for app \"default\" is already running, served by its own evbus serve (pid "
                + first.pid() + "); stop it first (`evbus --app default stop`)"), second.stderr(), second.toString());
        assertTrue(first.isAlive(), first.describe());
    }

    @Test
    void serveAdoptsABusAConsumerStartedFirstKeepingItsConsumerAndSigtermEndsBoth(Evbus evbus) {
        evbus.env("EVBUS_IDLE_TIMEOUT", "1s");
        EvbusProcess consumer = evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining(ADOPTED);
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("adopted by serve pid " + serve.pid())),
                String.join("\n", evbus.busLogLines()));

        // Nobody attached for twice the idle timeout (by the bus's own clock): an adopted bus stays.
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        evbus.awaitConsumers(0);
        assertEquals(busPid, twoSecondsOfBusUptimeLater(evbus).path("pid").asLong(), "the same bus, adopted, not a new one");

        EvbusProcess second = evbus.consumeReady("raw");
        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
        assertTrue(ProcessHandle.of(busPid).isEmpty() || !ProcessHandle.of(busPid).get().isAlive(),
                "serve exits only once the adopted bus is gone");
        assertEquals(1, second.awaitExit(), second.describe());
        assertTrue(second.exitedLine().contains("reason: bus_lost"), second.exitedLine());
        assertEquals("not_running", evbus.status().path("state").asText());
    }

    /**
     * Serve and a consumer started at the same moment, twenty times: whichever takes the app's lock
     * first, every round ends with one bus that serve holds, the consumer attached to it and
     * receiving, and after serve's SIGTERM nothing of the app running.
     */
    @Test
    void serveStartedTogetherWithAConsumerEndsWithOneServedBusEveryRound(Evbus evbus) {
        int adopted = 0;
        for (int round = 0; round < 20; round++) {
            EvbusProcess serve = evbus.start("serve");
            EvbusProcess consumer = evbus.start("consume", "raw");
            String line = serve.awaitStderr(l -> l.contains(STARTED) || l.contains(ADOPTED), "serve's bus or adoption");
            adopted += line.contains(ADOPTED) ? 1 : 0;
            consumer.awaitReady();
            JsonNode status = evbus.awaitConsumers(1);
            assertTrue(serve.isAlive(), "round " + round + ": " + serve.describe());
            evbus.publish("round.done", "r-" + round, "{}");
            consumer.awaitStdoutContaining("\"r-" + round + "\"");

            long busPid = status.path("pid").asLong();
            serve.terminate();
            assertEquals(0, serve.awaitExit(), "round " + round + ": " + serve.describe());
            assertEquals(1, consumer.awaitExit(), "round " + round + ": " + consumer.describe());
            assertTrue(consumer.exitedLine().contains("reason: bus_lost"), consumer.exitedLine());
            assertTrue(ProcessHandle.of(busPid).map(ProcessHandle::isAlive).orElse(false) == false,
                    "round " + round + ": bus " + busPid + " still runs");
            assertEquals("not_running", evbus.status().path("state").asText(), "round " + round);
        }
        System.out.println("serve adopted the consumer's bus in " + adopted + " of 20 rounds");
    }

    @Test
    void badSourcesConfigMakesServeExitTwoWithOneLineNamingFileAndField(Evbus evbus) {
        Path file = evbus.writeAppConfig("{\"sources\": {\"ftp\": {\"host\": \"x\"}}}");
        CommandResult serve = evbus.run("serve");
        assertEquals(2, serve.exitCode(), serve.toString());
        assertEquals(1, serve.stderr().size(), serve.toString());
        assertTrue(serve.stderr().getFirst().startsWith("evbus: " + file + ": sources.ftp: unknown source kind (known: "),
                serve.toString());
        assertEquals("not_running", evbus.status().path("state").asText());
    }

    @Test
    void aConsumerStartedBusRefusesBadSourcesConfigTooAndTheConsumerRelaysItsReasonAndLog(Evbus evbus) {
        Path file = evbus.writeAppConfig("{\"sources\": [\"http\"]}");
        CommandResult consume = evbus.run("consume", "raw", "--max-events", "1");
        assertEquals(2, consume.exitCode(), consume.toString());
        assertEquals(List.of("evbus: the bus did not start: " + file + ": sources must be an object of source kinds, e.g. "
                + "{\"http\": {\"listen\": \"127.0.0.1:0\"}} (see " + evbus.busLog() + ")"), consume.stderr(), consume.toString());
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("WARN not starting: " + file
                + ": sources must be an object of source kinds")), String.join("\n", evbus.busLogLines()));
    }
}
