package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain NATS client, sending no evbus header, publishes on a bridged app's subjects; a local
 * {@code evbus consume raw} on the bridged host receives its messages with the type the subject
 * names, once per {@code Nats-Msg-Id}.
 */
class BridgeInteropIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesOfAPlainNatsClientReachALocalConsumerTypedBySubjectAndARepeatedMsgIdOnlyOnce() throws Exception {
        // A 1 s duplicate window lets JetStream store the repeated id again, so the bus's own dedup is what drops it.
        try (NatsServerProcess nats = NatsServerProcess.started(dir);
             Evbus b = BridgeIT.host("host-b", List.of(nats.url()), "", "\"duplicate_window\": \"1s\", ");
             Connection client = Nats.connect(nats.url())) {
            EvbusProcess consumer = b.consumeReady("raw", "-p", "type=ext.*", "--max-events", "3");
            BridgeIT.awaitConnected(b);

            client.publish("evbus.it.ext.plain", json("{\"n\":1}"));
            JetStream jetStream = client.jetStream();
            PublishOptions keyed = PublishOptions.builder().messageId("k-1").build();
            assertFalse(jetStream.publish("evbus.it.ext.keyed", json("{\"n\":2}"), keyed).isDuplicate());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (jetStream.publish("evbus.it.ext.keyed", json("{\"n\":3}"), keyed).isDuplicate()) {
                assertTrue(System.nanoTime() < deadline, "JetStream kept dropping the repeated id");
            }
            client.publish("evbus.it.ext.last", json("{\"n\":4}"));

            assertEquals(0, consumer.awaitExit(PATIENCE), consumer.describe());
            List<JsonNode> got = consumer.stdoutJson();
            assertEquals(List.of("ext.plain", "ext.keyed", "ext.last"), got.stream().map(e -> e.path("event_type").asText()).toList(),
                    consumer.describe());
            assertEquals(List.of(1, 2, 4), got.stream().map(e -> e.path("payload").path("n").asInt()).toList(), consumer.describe());
            assertEquals("k-1", got.get(1).path("event_id").asText(), consumer.describe());
            assertFalse(got.getFirst().has("event_id"), "no Nats-Msg-Id, no event id: " + got.getFirst());
            assertTrue(got.getFirst().path("source_time").asText().matches("\\d{13}"), got.getFirst().toString());
            JsonNode bridge = BridgeIT.bridge(b);
            assertEquals(3, bridge.path("received").asLong(), bridge.toString());
            assertEquals(1, bridge.path("duplicates").asLong(), "the repeat JetStream stored again: " + bridge);
            assertEquals(0, bridge.path("errors").asLong(), bridge.toString());
        }
    }
}
