package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** publish --spool with no bus running: the events wait on disk, and the next bus takes them in first, in publish order. */
@ExtendWith(EvbusExtension.class)
class SpoolIT {
    private static final int BATCH = 100;

    @Test
    void eventsSpooledWithNoBusAreDeliveredFirstInPublishOrderByTheBusThatStartsThenLiveOnes(Evbus evbus) {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            CommandResult single = evbus.run("publish", "spool.single", "--id", "s" + i, "--data", "{\"i\":" + i + "}", "--spool");
            assertEquals(0, single.exitCode(), single.toString());
            assertTrue(single.stderr().stream().anyMatch(line -> line.contains("spooled=1")), single.toString());
            expected.add("s" + i);
        }
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            batch.append("{\"event_type\":\"spool.batch\",\"event_id\":\"b").append(i).append("\",\"payload\":{\"i\":").append(i).append("}}\n");
            expected.add("b" + i);
        }
        CommandResult batched = evbus.runWithInput(batch.toString(), "publish", "--stdin", "--spool");
        assertEquals(0, batched.exitCode(), batched.toString());
        assertTrue(batched.stderr().stream().anyMatch(line -> line.contains("spooled=" + BATCH)), batched.toString());
        assertEquals("not_running", evbus.status().path("state").asText(), "publish --spool must not start a bus");

        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=spool.*", "--since", "all");
        consumer.awaitStdoutLines(expected.size());
        evbus.publish("spool.live", "live", "{}");
        expected.add("live");
        consumer.awaitStdoutContaining("\"live\"");
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(expected, consumer.eventIds(), consumer.describe());
        List<JsonNode> events = consumer.stdoutJson();
        assertEquals(2, events.get(1).path("payload").path("i").asInt(), "payloads come through: " + events.get(1));
        assertEquals("spool.batch", events.get(3).path("event_type").asText(), events.get(3).toString());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).path("offset").asLong() > events.get(i - 1).path("offset").asLong(), events.get(i).toString());
        }
    }
}
