package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.transport.ChannelStreams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bus and a client of incompatible versions refuse each other clearly, whichever side is newer. */
@ExtendWith(EvbusExtension.class)
class VersionCompatibilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConsumerLeavesAnOlderIncompatibleBusAndSaysHowToReplaceIt(Evbus evbus) throws Exception {
        Path app = evbus.appDir();
        Files.createDirectories(app);
        // bus.pid names a process the test owns (the end-of-test clean-up kills whatever it names)
        Process standIn = new ProcessBuilder("sleep", "600").start();
        long fakePid = standIn.pid();
        Files.writeString(app.resolve("bus.pid"), fakePid + "\n2026-01-01T00:00:00Z\n");
        Path socket = app.resolve("bus.sock");
        try (ServerSocketChannel olderBus = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            olderBus.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<List<String>> heard = CompletableFuture.supplyAsync(() -> answerAsAnOlderBus(olderBus));

            CommandResult result = evbus.run("consume", "raw", "--timeout", "30s");

            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.stdout().isEmpty(), result.toString());
            assertEquals(1, result.stderr().size(), "one line, no stack trace: " + result);
            String line = result.stderr().get(0);
            assertTrue(line.contains("evbus 0.0.9") && line.contains("(pid " + fakePid + ")")
                    && line.contains("evbus stop --app-id default"), line);
            List<String> frames = heard.get(30, TimeUnit.SECONDS);
            assertEquals("hello", frames.get(0), "frames the older bus received: " + frames);
            assertEquals(List.of("hello", "setup_done", "bye"), frames,
                    "the consumer runs no preConsume on a bus it cannot use, and says so");
        } finally {
            standIn.destroy();
            Files.deleteIfExists(socket);
        }
    }

    @Test
    void aBusRefusesAHelloFromAnIncompatibleClientNamingItsPidAndTheFix(Evbus evbus) throws Exception {
        evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        try (RawBusConnection newer = RawBusConnection.open(evbus.appDir().resolve("bus.sock"))) {
            newer.send("{\"type\":\"hello\",\"pid\":1,\"event_key\":\"raw\",\"event_types\":[\"*\"],"
                    + "\"version\":\"9.0.0\",\"subscription_id\":\"raw\",\"params\":{}}\n");
            String answer = newer.readUntilClosed(Duration.ofSeconds(10));
            JsonNode ack = JSON.readTree(answer.lines().findFirst().orElseThrow());
            assertEquals("hello_ack", ack.get("type").asText(), answer);
            assertTrue(ack.get("rejected").asBoolean(), answer);
            String reason = ack.get("reject_reason").asText();
            assertTrue(reason.contains("9.0.0") && reason.contains("pid " + busPid) && reason.contains("evbus stop"), reason);
        }
        assertEquals(0, evbus.run("status").exitCode(), "the bus keeps serving");
    }

    /** Accepts one consumer, answers its hello as a bus of version 0.0.9 would, and returns the types of the frames it got. */
    private static List<String> answerAsAnOlderBus(ServerSocketChannel server) {
        List<String> types = new ArrayList<>();
        try (SocketChannel client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(ChannelStreams.in(client), StandardCharsets.UTF_8));
            OutputStream out = ChannelStreams.out(client);
            String line;
            while ((line = in.readLine()) != null) {
                String type = JSON.readTree(line).get("type").asText();
                types.add(type);
                if (type.equals("hello")) {
                    out.write(("{\"type\":\"hello_ack\",\"bus_version\":\"0.0.9\",\"first_for_key\":true,"
                            + "\"rejected\":false}\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (Exception e) {
            types.add("failed: " + e);
        }
        return types;
    }
}
