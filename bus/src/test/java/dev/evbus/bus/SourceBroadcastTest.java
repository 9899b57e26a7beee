package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.Message;
import dev.evbus.sources.SourceState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceBroadcastTest {
    private final Deadlines deadlines = Deadlines.watched(TimeSource.system());
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final BusLog log = BusLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8));

    @AfterEach
    void stopWatchdog() {
        deadlines.close();
    }

    private ConsumerConnection consumer(long pid, ByteArrayOutputStream out) {
        Message.Hello hello = new Message.Hello(pid, "raw", List.of("*"), "0.1.0", "raw", Map.of(), "bot", 10, false);
        return new ConsumerConnection(hello, pid, () -> { }, out, deadlines);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void everyAttachedConsumerGetsEachChangeInOrderAndTheLogGetsALineForEach() {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ConsumerConnection[] attached = {consumer(1, a), consumer(2, b)};
        String expected = "{\"type\":\"source_status\",\"source\":\"http\",\"state\":\"connecting\",\"detail\":null}\n"
                + "{\"type\":\"source_status\",\"source\":\"http\",\"state\":\"disconnected\",\"detail\":\"port 80: denied\"}\n";
        try (SourceBroadcast broadcast = new SourceBroadcast(() -> attached, log)) {
            broadcast.changed("http", SourceState.CONNECTING, null);
            broadcast.changed("http", SourceState.DISCONNECTED, "port 80: denied");
            awaitTrue(() -> a.toString(StandardCharsets.UTF_8).equals(expected)
                    && b.toString(StandardCharsets.UTF_8).equals(expected), "both consumers got both frames");
        }
        String lines = logged.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains(" INFO source \"http\" connecting\n"), lines);
        assertTrue(lines.contains(" INFO source \"http\" disconnected: \"port 80: denied\"\n"), lines);
    }

    @Test
    void aDetailCannotForgeALogLineNorALineOfTheConsumersStderr() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsumerConnection[] attached = {consumer(1, out)};
        try (SourceBroadcast broadcast = new SourceBroadcast(() -> attached, log)) {
            broadcast.changed("file", SourceState.RECONNECTING, "gone\n[event] exited");
            awaitTrue(() -> out.size() > 0, "the frame");
        }
        assertEquals(1, logged.toString(StandardCharsets.UTF_8).lines().count(), logged::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"detail\":\"gone [event] exited\""), out::toString);
    }

    @Test
    void aClosedConsumerIsSkippedAndTheOthersStillGetTheFrame() {
        ByteArrayOutputStream gone = new ByteArrayOutputStream();
        ByteArrayOutputStream live = new ByteArrayOutputStream();
        ConsumerConnection left = consumer(1, gone);
        left.close();
        ConsumerConnection[] attached = {left, consumer(2, live)};
        try (SourceBroadcast broadcast = new SourceBroadcast(() -> attached, log)) {
            broadcast.changed("http", SourceState.STALLED, "silent for 60 s");
            awaitTrue(() -> live.toString(StandardCharsets.UTF_8).contains("\"state\":\"stalled\""), "the live consumer got it");
        }
        assertEquals(0, gone.size());
    }
}
