package dev.evbus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.NatsServerProcess;
import dev.evbus.testkit.Poll;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages a plain NATS client publishes on the stream's subjects, with no evbus header, are taken in. */
class PlainClientImportTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private NatsServerProcess server;
    private Connection client;

    @BeforeEach
    void start() throws Exception {
        server = NatsServerProcess.started(dir);
        client = Nats.connect(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Host connected(Host host) throws InterruptedException {
        Poll.until(LIMIT, () -> host.bridge.report().state() == BridgeState.CONNECTED, host::toString);
        return host;
    }

    @Test
    void aCorePublishWithoutHeadersArrivesWithItsTypeFromTheSubjectAndTheTimeJetStreamStoredIt() throws Exception {
        try (Host b = connected(new Host("host-b", List.of(server.url()), 1))) {
            long before = System.currentTimeMillis();
            client.publish("evbus.test.order.created", bytes("{\"n\":1}"));
            Poll.until(LIMIT, () -> b.ingest.size() == 1, b::toString);
            RecordingIngest.Accepted got = b.ingest.accepted().getFirst();
            assertEquals("order.created", got.type());
            assertNull(got.id(), "no Nats-Msg-Id, no event id");
            assertEquals("{\"n\":1}", got.payload());
            long stored = Long.parseLong(got.sourceTime());
            assertTrue(stored >= before - 1000 && stored <= System.currentTimeMillis() + 1000, got.sourceTime());
            assertEquals(1, b.bridge.report().received());
            assertEquals(0, b.bridge.report().errors());
        }
    }

    @Test
    void aRepeatedNatsMsgIdIsTakenOnceEvenAfterJetStreamForgotIt() throws Exception {
        try (Host b = connected(new Host(Host.config("host-b", List.of(server.url()), 1, Duration.ofSeconds(1)), new ListLog()))) {
            JetStream jetStream = client.jetStream();
            PublishOptions once = PublishOptions.builder().messageId("ext-1").build();
            assertFalse(jetStream.publish("evbus.test.invoice.paid", bytes("{\"v\":1}"), once).isDuplicate());
            assertTrue(jetStream.publish("evbus.test.invoice.paid", bytes("{\"v\":2}"), once).isDuplicate(), "JetStream drops it");
            // Once the duplicate window has passed, JetStream stores the same id again: the bus must drop it.
            long deadline = System.nanoTime() + LIMIT.toNanos();
            PublishAck again;
            do {
                assertTrue(System.nanoTime() < deadline, "JetStream kept dropping the repeat");
                again = jetStream.publish("evbus.test.invoice.paid", bytes("{\"v\":3}"), once);
            } while (again.isDuplicate());
            Poll.until(LIMIT, () -> b.bridge.report().duplicates() == 1, b::toString);
            assertEquals(List.of(new RecordingIngest.Accepted("invoice.paid", "ext-1", b.ingest.accepted().getFirst().sourceTime(),
                    "{\"v\":1}")), b.ingest.accepted());
        }
    }

    @Test
    void aSubjectWhoseTypeBreaksTheEventRulesIsSkippedAndCountedAndTheNextMessageStillArrives() throws Exception {
        try (Host b = connected(new Host("host-b", List.of(server.url()), 1))) {
            client.publish("evbus.test.order.\u0001", bytes("{}"));
            client.publish("evbus.test.!order", bytes("{}"));
            client.publish("evbus.test.order.paid", bytes("{}"));
            Poll.until(LIMIT, () -> b.ingest.size() == 1 && b.bridge.report().errors() == 2, b::toString);
            assertEquals("order.paid", b.ingest.accepted().getFirst().type());
            assertTrue(b.warnings.stream().anyMatch(w -> w.contains("from \"external\"") && w.contains("control character U+0001")), b.warnings.toString());
        }
    }

    @Test
    void headersOfAnotherBusStillWinAndThisBusSkipsItsOwnNodesMessages() throws Exception {
        try (Host b = connected(new Host("host-b", List.of(server.url()), 1))) {
            Headers own = new Headers().put("Evbus-Origin", "host-b").put("Evbus-Type", "order.created");
            client.publish("evbus.test.order.created", own, bytes("{\"own\":true}"));
            Headers other = new Headers().put("Evbus-Origin", "host-a").put("Evbus-Type", "order.shipped")
                    .put("Evbus-Source-Time", "1700000000000").put("Nats-Msg-Id", "a-1");
            client.publish("evbus.test.order.created", other, bytes("{\"own\":false}"));
            Poll.until(LIMIT, () -> b.ingest.size() == 1, b::toString);
            assertEquals(List.of(new RecordingIngest.Accepted("order.shipped", "a-1", "1700000000000", "{\"own\":false}")),
                    b.ingest.accepted());
            assertEquals(0, b.bridge.report().errors());
        }
    }
}
