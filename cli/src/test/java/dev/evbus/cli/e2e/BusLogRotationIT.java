package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** bus.log stays bounded while the bus runs, and the bus's own stderr keeps landing in it. */
@ExtendWith(EvbusExtension.class)
class BusLogRotationIT {
    private static final long ROTATE_AT = 5L * 1024 * 1024;

    @Test
    void aLongLivedBusRotatesItsLogBySizeAndItsStderrStaysInTheLiveLog(Evbus evbus) throws Exception {
        EvbusProcess consumer = evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        Path log = evbus.busLog();
        Path rotated = evbus.appDir().resolve("bus.log.1");

        // every bad frame from an attached consumer costs the log one line
        try (RawBusConnection noisy = RawBusConnection.open(evbus.appDir().resolve("bus.sock"))) {
            noisy.send("{\"type\":\"hello\",\"pid\":1,\"event_key\":\"raw\",\"event_types\":[\"none.such\"],"
                    + "\"version\":\"0.1.0\",\"subscription_id\":\"noisy\",\"params\":{}}\n");
            byte[] bad = "not json\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            Poll.until(Poll.PATIENCE, "bus.log to rotate while the bus runs", () -> {
                sendQuietly(noisy, bad);
                return Files.exists(rotated);
            });
        }
        // The bus may still be logging the frames it had not read when the connection closed; a
        // thread dump taken meanwhile could be carried into bus.log.1 by a second rotation.
        String detached = "subscription \"noisy\" detached";
        Poll.until(Poll.PATIENCE, "the bus to have read everything the noisy connection sent",
                () -> read(log).contains(detached) || read(rotated).contains(detached));
        Poll.until(Poll.PATIENCE, "bus.log to be back under its limit", () -> size(log) < ROTATE_AT);
        assertTrue(size(rotated) > ROTATE_AT, "the older generation holds what passed the limit: " + size(rotated));

        // SIGQUIT makes the JVM print a thread dump on its stdout, which is bus.log's descriptor
        new ProcessBuilder("kill", "-QUIT", Long.toString(busPid)).start().waitFor();
        Poll.until(Poll.PATIENCE, "the bus's thread dump in the live bus.log",
                () -> read(log).contains("Full thread dump"));
        assertTrue(!read(rotated).contains("Full thread dump"), "nothing the bus prints goes to the rotated file");

        String ack = RawBusConnection.publish(evbus.appDir().resolve("bus.sock"), "after.rotation", "r-1");
        assertTrue(ack.contains("\"accepted\":1"), ack);
        consumer.awaitStdoutContaining("\"r-1\"");
        assertEquals(busPid, evbus.busPid(), "the same bus served throughout");
    }

    private static void sendQuietly(RawBusConnection connection, byte[] bytes) {
        try {
            connection.send(bytes);
        } catch (IOException e) {
            throw new AssertionError("the bus closed a consumer for sending bad frames", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

}
