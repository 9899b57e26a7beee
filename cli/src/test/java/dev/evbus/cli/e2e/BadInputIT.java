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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whatever arrives on the socket or the command line, the bus stays up and nothing escapes $EVBUS_HOME. */
@ExtendWith(EvbusExtension.class)
class BadInputIT {
    private static final Duration FIRST_FRAME_CLOSE_PATIENCE = Duration.ofSeconds(8);
    private static final int CHUNK = 64 * 1024;

    @Test
    void everyCommandAndSubcommandAnswersHelpWithItsUsage(Evbus evbus) {
        for (String command : List.of("consume", "publish", "list", "schema", "status", "stop", "cursors", "keys check",
                "dlq list", "dlq replay", "serve")) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            CommandResult result = evbus.run(args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), command + " --help\n" + result);
            assertTrue(result.stdout().get(0).startsWith("Usage: evbus " + command), command + " --help\n" + result);
        }
    }

    @Test
    void malformedConnectionsAreClosedWithAWarningAndTheBusKeepsServing(Evbus evbus) throws Exception {
        EvbusProcess consumer = evbus.consumeReady("raw");
        Path socket = evbus.appDir().resolve("bus.sock");
        long warningsAtStart = warnings(evbus);

        // the unfinished first frame runs alongside the others: the bus must close it after its 5 s deadline
        RawBusConnection unfinished = RawBusConnection.open(socket);
        unfinished.send("{\"type\":\"status_qu");
        CompletableFuture<String> unfinishedEnd = CompletableFuture.supplyAsync(() -> {
            try {
                return unfinished.readUntilClosed(FIRST_FRAME_CLOSE_PATIENCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        sendAndExpectClose(evbus, consumer, "not json\n".getBytes(StandardCharsets.UTF_8), "not-json");
        sendAndExpectClose(evbus, consumer, "{\"type\":\"launch_missiles\",\"pid\":1}\n".getBytes(StandardCharsets.UTF_8), "unknown-type");
        sendAndExpectClose(evbus, consumer, "{\"type\":\"hello\",\"pid\":1}\n".getBytes(StandardCharsets.UTF_8), "empty-hello");
        sendAndExpectClose(evbus, consumer, hugeFrame(), "huge-frame");

        // a connection that says nothing is not worth a warning, but must not hurt either
        RawBusConnection.open(socket).close();
        assertStillServing(evbus, consumer, "open-close");

        assertEquals("", unfinishedEnd.get(), "the bus answered an unfinished frame");
        unfinished.close();
        // one warning for each of the four bad frames and one for the unfinished one
        Poll.until(Poll.PATIENCE, "five WARN lines in bus.log", () -> warnings(evbus) >= warningsAtStart + 5,
                () -> String.join("\n", evbus.busLogLines()));
        assertStillServing(evbus, consumer, "after-unfinished");

        JsonNode status = evbus.status();
        assertEquals("running", status.path("state").asText(), status.toString());
        assertEquals(1, status.path("consumers").size(), status.toString());
        assertTrue(consumer.isAlive(), consumer.describe());
    }

    @Test
    void appIdsWithPathTricksOrThreeHundredCharactersWorkAndStayInsideTheEventsDirectory(Evbus evbus) {
        Path events = evbus.home().resolve("events");
        for (String app : List.of("../../x", "long-" + "abcdefghij".repeat(30).substring(0, 295))) {
            EvbusProcess consumer = evbus.consumeReady("--app", app, "raw", "--max-events", "1");
            CommandResult published = evbus.run("--app", app, "publish", "app.probe", "--id", "probe", "--data", "{}");
            assertEquals(0, published.exitCode(), published.toString());
            assertEquals(0, consumer.awaitExit(), consumer.describe());
            assertEquals("probe", consumer.stdoutJson().get(0).path("event_id").asText(), consumer.describe());
            assertNoStackTrace(consumer.stderr());
            assertNoStackTrace(published.stderr());

            JsonNode status = evbus.status(app);
            assertEquals(app, status.path("app").asText(), status.toString());
            assertEquals(events, Path.of(status.path("dir").asText()).getParent(), status.toString());
            assertTrue(Path.of(status.path("socket").asText()).startsWith(events), status.toString());
        }
        assertEquals(List.of(), pathsOutside(evbus), "created outside " + events);
    }

    @Test
    void outputDirThatIsAbsoluteOrClimbsOutIsRefusedBeforeAnySideEffect(Evbus evbus) {
        for (String dir : List.of("/etc", "../x")) {
            CommandResult result = evbus.run("consume", "raw", "--output-dir", dir);
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals(1, result.stderr().size(), result.toString());
            assertTrue(result.stderr().get(0).startsWith("evbus: ") && result.stderr().get(0).contains("--output-dir"),
                    result.toString());
            assertEquals(List.of(), result.stdout());
        }
        assertFalse(Files.exists(evbus.home().resolve("events")), "a refused consume must not start a bus");
        assertEquals(List.of(), pathsOutside(evbus));
    }

    /** Everything below the test's directory that is neither under $EVBUS_HOME/events nor the working directory. */
    private static List<Path> pathsOutside(Evbus evbus) {
        Path events = evbus.home().resolve("events");
        try (Stream<Path> walk = Files.walk(evbus.base())) {
            return walk.filter(path -> !path.equals(evbus.base()) && !path.equals(evbus.home()))
                    .filter(path -> !path.startsWith(events) && !path.equals(evbus.workDir()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertNoStackTrace(List<String> stderr) {
        assertTrue(stderr.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "stack trace on stderr:\n" + String.join("\n", stderr));
    }

    private static void sendAndExpectClose(Evbus evbus, EvbusProcess consumer, byte[] bytes, String name) throws IOException {
        long warnings = warnings(evbus);
        String answer;
        try (RawBusConnection connection = RawBusConnection.open(evbus.appDir().resolve("bus.sock"))) {
            for (int offset = 0; offset < bytes.length; offset += CHUNK) {
                connection.send(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + CHUNK)));
            }
            answer = connection.readUntilClosed(Poll.PATIENCE);
        }
        assertTrue(answer.startsWith("{\"type\":\"error\"") || answer.contains("\"rejected\":true"),
                name + ": the bus should say why it closes, not " + answer);
        Poll.until(Poll.PATIENCE, "a new WARN line in bus.log after " + name, () -> warnings(evbus) > warnings,
                () -> String.join("\n", evbus.busLogLines()));
        assertStillServing(evbus, consumer, name);
    }

    /** A new event still reaches the consumer. */
    private static void assertStillServing(Evbus evbus, EvbusProcess consumer, String id) throws IOException {
        String ack = RawBusConnection.publish(evbus.appDir().resolve("bus.sock"), "probe.after", id);
        assertTrue(ack.contains("\"accepted\":1"), id + ": " + ack);
        consumer.awaitStdoutContaining("\"" + id + "\"");
    }

    private static long warnings(Evbus evbus) {
        return evbus.busLogLines().stream().filter(line -> line.contains(" WARN ")).count();
    }

    /** A 2 MiB publish frame: twice the frame limit. */
    private static byte[] hugeFrame() {
        byte[] padding = new byte[2 * 1024 * 1024];
        Arrays.fill(padding, (byte) 'x');
        String head = "{\"type\":\"publish\",\"event_type\":\"huge\",\"payload\":\"";
        byte[] frame = new byte[head.length() + padding.length + 3];
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, frame, 0, head.length());
        System.arraycopy(padding, 0, frame, head.length(), padding.length);
        frame[frame.length - 3] = '"';
        frame[frame.length - 2] = '}';
        frame[frame.length - 1] = '\n';
        return frame;
    }
}
