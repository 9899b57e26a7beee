package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.NatsServerProcess;
import dev.evbus.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hosts, each its own {@code EVBUS_HOME} with its own bus, bridged through real
 * {@code nats-server} processes on loopback ports; events published and consumed through bin/evbus.
 */
class BridgeIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** One host: an installation whose app config bridges to {@code servers} as {@code node}. */
    private static Evbus host(String node, List<String> servers) throws Exception {
        return host(node, servers, "", "");
    }

    /** As {@link #host(String, List)}; {@code app} and {@code nats} are more fields (each ending with a comma). */
    static Evbus host(String node, List<String> servers, String app, String nats) throws Exception {
        Evbus host = Evbus.create();
        host.writeAppConfig("{" + app + "\"bridge\": {\"nats\": {" + nats + "\"servers\": [\""
                + String.join("\", \"", servers) + "\"], \"node\": \"" + node
                + "\", \"stream\": \"EVBUS_IT\", \"subject_prefix\": \"evbus.it\"}}}");
        return host;
    }

    static JsonNode bridge(Evbus host) {
        return host.status().path("bridge");
    }

    static void awaitConnected(Evbus host) {
        JsonNode[] last = new JsonNode[1];
        Poll.until(PATIENCE, "the bridge to be connected", () -> {
            last[0] = bridge(host);
            return last[0].path("state").asText().equals("connected");
        }, () -> String.valueOf(last[0]));
    }

    private static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> lines(String type, List<String> ids) {
        return ids.stream().map(id -> "{\"event_type\":\"" + type + "\",\"event_id\":\"" + id + "\",\"payload\":{\"id\":\""
                + id + "\"}}").toList();
    }

    /** The ids of {@code all} that start with {@code prefix}, in the order received. */
    private static List<String> only(List<String> all, String prefix) {
        return all.stream().filter(id -> id.startsWith(prefix)).toList();
    }

    private static void assertOnce(List<String> received, String what) {
        assertEquals(new LinkedHashSet<>(received).size(), received.size(), what + ": an event came twice");
    }

    @Test
    void anEventPublishedOnOneHostReachesConsumersOnTheOthersExactlyOnceAndNeverComesBack() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.started(dir); Evbus a = host("host-a", List.of(nats.url()));
             Evbus b = host("host-b", List.of(nats.url())); Evbus c = host("host-c", List.of(nats.url()))) {
            List<EvbusProcess> consumers = new ArrayList<>();
            for (Evbus host : List.of(a, b, c)) {
                consumers.add(host.consumeReady("raw", "-p", "type=order.*", "--max-events", "2"));
                awaitConnected(host);
            }
            a.publish("order.placed", "o-1", "{\"total\":5}");
            b.publish("order.paid", "p-1", "{\"total\":5}");
            for (EvbusProcess consumer : consumers) {
                assertEquals(0, consumer.awaitExit(PATIENCE), consumer.describe());
                assertEquals(List.of("o-1", "p-1"), consumer.eventIds().stream().sorted().toList(), consumer.describe());
            }
            JsonNode fromA = bridge(a);
            assertEquals(1, fromA.path("sent").asLong(), fromA.toString());
            assertEquals(1, fromA.path("received").asLong(), "only b's event comes in: " + fromA);
            assertEquals(0, fromA.path("duplicates").asLong(), "a's own event never comes back: " + fromA);
            assertEquals(2, bridge(c).path("received").asLong(), bridge(c).toString());
            assertEquals(0, bridge(c).path("sent").asLong(), "c re-exports nothing: " + bridge(c));
        }
    }

    @Test
    void tenThousandEventsPublishedOnTwoHostsAtOnceReachEveryConsumerOnceAndEachHostsInOrder() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.started(dir); Evbus a = host("host-a", List.of(nats.url()));
             Evbus b = host("host-b", List.of(nats.url()))) {
            EvbusProcess onA = a.consumeReady("raw", "-p", "type=load.*", "--max-events", "10000");
            EvbusProcess onB = b.consumeReady("raw", "-p", "type=load.*", "--max-events", "10000");
            awaitConnected(a);
            awaitConnected(b);
            List<String> fromA = ids("a-", 0, 5_000);
            List<String> fromB = ids("b-", 0, 5_000);
            EvbusProcess publishA = a.shell(a.launcher() + " publish --stdin < " + write("a.ndjson", lines("load.a", fromA)));
            EvbusProcess publishB = b.shell(b.launcher() + " publish --stdin < " + write("b.ndjson", lines("load.b", fromB)));
            assertEquals(0, publishA.awaitExit(PATIENCE), publishA.describe());
            assertEquals(0, publishB.awaitExit(PATIENCE), publishB.describe());
            for (EvbusProcess consumer : List.of(onA, onB)) {
                assertEquals(0, consumer.awaitExit(PATIENCE), consumer.describe());
                List<String> received = consumer.eventIds();
                assertOnce(received, consumer.toString());
                assertEquals(fromA, only(received, "a-"), "a's events in a's order");
                assertEquals(fromB, only(received, "b-"), "b's events in b's order");
            }
        }
    }

    @Test
    void natsStoppedForTenSecondsAndStartedAgainLosesAndRepeatsNothing() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.started(dir); Evbus a = host("host-a", List.of(nats.url()));
             Evbus b = host("host-b", List.of(nats.url()))) {
            EvbusProcess keepsABusUp = a.consumeReady("raw", "-p", "type=nothing.*");
            EvbusProcess onB = b.consumeReady("raw", "-p", "type=t.*", "--max-events", "1000");
            awaitConnected(a);
            awaitConnected(b);
            a.publishLines(lines("t.x", ids("e-", 0, 500)));
            Poll.until(PATIENCE, "b to have the first 500", () -> onB.stdoutCount() >= 500, onB::describe);

            nats.stop();
            long stoppedAt = System.nanoTime();
            Poll.until(PATIENCE, "a's bridge to see NATS gone",
                    () -> bridge(a).path("state").asText().equals("reconnecting"), () -> bridge(a).toString());
            a.publishLines(lines("t.x", ids("e-", 500, 1_000)));
            Poll.until(PATIENCE, "a to hold the 500 it could not send", () -> bridge(a).path("backlog").asLong() == 500,
                    () -> bridge(a).toString());
            assertTrue(bridge(a).path("last_error").isTextual(), bridge(a).toString());
            // the outage this scenario prescribes: ten seconds of NATS being away, whatever the bridge does meanwhile
            long left = Duration.ofSeconds(10).toNanos() - (System.nanoTime() - stoppedAt);
            if (left > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
            nats.start();

            assertEquals(0, onB.awaitExit(PATIENCE), onB.describe());
            assertEquals(ids("e-", 0, 1_000), onB.eventIds(), "all of them, once, in a's order");
            Poll.until(PATIENCE, "a's backlog to drain", () -> bridge(a).path("backlog").asLong() == 0,
                    () -> bridge(a).toString());
            assertEquals(1_000, bridge(b).path("received").asLong(), bridge(b).toString());
            assertTrue(keepsABusUp.isAlive(), keepsABusUp.describe());
        }
    }

    @Test
    void hostsStartedWhileNatsIsDownServeLocallyAndSendWhatTheyHeldOnceItComes() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.started(dir); Evbus a = host("host-a", List.of(nats.url()));
             Evbus b = host("host-b", List.of(nats.url()))) {
            nats.stop();
            EvbusProcess onA = a.consumeReady("raw", "-p", "type=h.*", "--max-events", "100");
            EvbusProcess onB = b.consumeReady("raw", "-p", "type=h.*", "--max-events", "100");
            a.publishLines(lines("h.x", ids("h-", 0, 100)));
            assertEquals(0, onA.awaitExit(PATIENCE), "the local bus serves without NATS: " + onA.describe());
            JsonNode held = bridge(a);
            assertEquals("connecting", held.path("state").asText(), held.toString());
            assertEquals(100, held.path("backlog").asLong(), held.toString());
            assertTrue(held.path("last_error").asText().contains(nats.url()), held.toString());
            // a's consumer is gone: its bus is idle, but holds events only NATS can take, so it stays up
            long busOnA = a.busPid();
            Poll.until(PATIENCE, "a's bus to say why it stays up", () -> a.busLogLines().stream()
                    .anyMatch(line -> line.contains("100 event(s) still wait for NATS: staying up")), () -> a.busLogLines().toString());
            assertTrue(ProcessHandle.of(busOnA).map(ProcessHandle::isAlive).orElse(false), "a's bus is up");

            nats.start();
            assertEquals(0, onB.awaitExit(PATIENCE), onB.describe());
            assertEquals(ids("h-", 0, 100), onB.eventIds());
            Evbus.awaitProcessExit(busOnA); // sent: now its idle time-out ends it
            assertTrue(a.busLogLines().stream().anyMatch(line -> line.contains("stopping: idle")), a.busLogLines().toString());
        }
    }

    @Test
    void aThreeNodeClusterWithThreeReplicasLosesANodeMidStreamAndNothingIsLost() throws Exception {
        List<NatsServerProcess> cluster = NatsServerProcess.cluster(dir);
        List<String> urls = cluster.stream().map(NatsServerProcess::url).toList();
        try (Evbus a = host("host-a", urls, "", "\"replicas\": 3, "); Evbus b = host("host-b", urls, "", "\"replicas\": 3, ")) {
            EvbusProcess keepsABusUp = a.consumeReady("raw", "-p", "type=nothing.*");
            EvbusProcess onB = b.consumeReady("raw", "-p", "type=r.*", "--max-events", "2000");
            awaitConnected(a);
            awaitConnected(b);
            EvbusProcess publish = a.shell(a.launcher() + " publish --stdin < " + write("r.ndjson", lines("r.x", ids("r-", 0, 2_000))));
            Poll.until(PATIENCE, "b to be mid-stream", () -> onB.stdoutCount() >= 300, onB::describe);
            cluster.get(0).kill();

            assertEquals(0, publish.awaitExit(PATIENCE), publish.describe());
            assertEquals(0, onB.awaitExit(PATIENCE), onB.describe());
            // Once each; the order may break where publishes failed while the cluster moved its leader (README: Known limits).
            assertOnce(onB.eventIds(), onB.toString());
            assertEquals(ids("r-", 0, 2_000).stream().sorted().toList(), onB.eventIds().stream().sorted().toList(),
                    "all of them");
            assertTrue(keepsABusUp.isAlive(), keepsABusUp.describe());
        } finally {
            for (NatsServerProcess node : cluster) {
                node.close();
            }
        }
    }

    @Test
    void aBusKilledWithSigkillOnAHostCatchesUpWhenItStartsAgain() throws Exception {
        try (NatsServerProcess nats = NatsServerProcess.started(dir); Evbus a = host("host-a", List.of(nats.url()));
             Evbus b = host("host-b", List.of(nats.url()), "\"retention\": {\"durable\": true}, ", "")) {
            EvbusProcess keepsABusUp = a.consumeReady("raw", "-p", "type=nothing.*");
            EvbusProcess before = b.consumeReady("raw", "-p", "type=k.*", "--max-events", "200");
            awaitConnected(a);
            awaitConnected(b);
            a.publishLines(lines("k.x", ids("k-", 0, 200)));
            assertEquals(0, before.awaitExit(PATIENCE), before.describe());

            long busOnB = b.busPid();
            ProcessHandle.of(busOnB).ifPresent(ProcessHandle::destroyForcibly);
            Evbus.awaitProcessExit(busOnB);
            a.publishLines(lines("k.x", ids("k-", 200, 500)));

            // a new consumer starts a new bus on b, whose bridge resumes its durable consumer in JetStream
            EvbusProcess after = b.consumeReady("raw", "-p", "type=k.*", "--since", "all", "--max-events", "500");
            assertEquals(0, after.awaitExit(PATIENCE), after.describe());
            assertEquals(ids("k-", 0, 500), after.eventIds(), "what the killed bus had, then what it missed, once each");
            assertTrue(keepsABusUp.isAlive(), keepsABusUp.describe());
        }
    }

    private Path write(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve(name), lines);
    }
}
