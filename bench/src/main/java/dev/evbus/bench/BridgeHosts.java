package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two hosts, A and B, each its own {@code EVBUS_HOME} whose default app is bridged to one
 * nats-server as {@code host-a} and {@code host-b}: A's bus is kept up by a consumer of another
 * type (the bench publishes into it over its socket); on B a real {@code evbus consume raw -p
 * type=bench.*} prints what crosses, read by the bench. Closing it stops the consumers, then the
 * buses and their homes.
 */
final class BridgeHosts implements AutoCloseable {
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Evbus a;
    private final Evbus b;
    private final ConsumerGroup consumers = new ConsumerGroup();
    private final ObjectMapper json = new ObjectMapper();
    /** Set once by {@link #start} on the bench thread, before the hosts are handed out. */
    private ConsumerProcess onB;
    private Path socketA;
    private long[] busPids;

    /** The bridge's counters on one host, from {@code evbus status --json}. */
    record Counts(String state, long sent, long backlog, long missed, long received, long duplicates, long errors,
                  String lastError) {

        static Counts of(JsonNode bridge) {
            return new Counts(bridge.path("state").asText("none"), bridge.path("sent").asLong(),
                    bridge.path("backlog").asLong(), bridge.path("missed").asLong(), bridge.path("received").asLong(),
                    bridge.path("duplicates").asLong(), bridge.path("errors").asLong(),
                    bridge.path("last_error").asText(""));
        }
    }

    private BridgeHosts(Evbus a, Evbus b) {
        this.a = a;
        this.b = b;
    }

    /** Starts both hosts and returns once both bridges are connected; {@code latency} reads B's consumer. */
    static BridgeHosts start(Path root, String natsUrl, LatencyRecorder latency)
            throws IOException, InterruptedException {
        Evbus a = bridged(root, natsUrl, "host-a");
        BridgeHosts hosts;
        try {
            hosts = new BridgeHosts(a, bridged(root, natsUrl, "host-b"));
        } catch (IOException | RuntimeException failed) {
            a.close();
            throw failed;
        }
        try {
            hosts.consumers.add(ConsumerProcess.launchIdle(hosts.a));
            hosts.socketA = BusStatus.awaitConsumers(hosts.a, 1, ATTACH_TIMEOUT).socket();
            hosts.onB = hosts.consumers.add(ConsumerProcess.launch(hosts.b, latency, "-p", ConsumerProcess.EVENT_PATTERN));
            hosts.onB.awaitReady(ATTACH_TIMEOUT);
            hosts.awaitConnected(hosts.a);
            hosts.awaitConnected(hosts.b);
            hosts.busPids = new long[] {BusStatus.of(hosts.a).pid(), BusStatus.of(hosts.b).pid()};
            return hosts;
        } catch (IOException | RuntimeException | InterruptedException | AssertionError failed) {
            hosts.close();
            throw failed;
        }
    }

    private static Evbus bridged(Path root, String natsUrl, String node) throws IOException {
        Evbus home = Evbus.keepingSettings(root, "10m");
        Path apps = Files.createDirectories(home.home().resolve("apps"));
        Files.writeString(apps.resolve("default.json"), "{\"bridge\": {\"nats\": {\"servers\": [\"" + natsUrl
                + "\"], \"node\": \"" + node + "\"}}}\n");
        return home;
    }

    /** A's bus socket, where the bench publishes. */
    Path socketA() {
        return socketA;
    }

    /** The processes whose CPU the bridge costs: A's bus, B's bus, B's consumer. */
    long[] pids() {
        return new long[] {busPids[0], busPids[1], onB.pid()};
    }

    /** The {@code consume raw} process on B. */
    ConsumerProcess consumerOnB() {
        return onB;
    }

    Counts countsOnA() throws IOException {
        return Counts.of(bridge(a));
    }

    Counts countsOnB() throws IOException {
        return Counts.of(bridge(b));
    }

    private JsonNode bridge(Evbus home) throws IOException {
        CommandResult status = CommandResult.evbus(home, "status", "--json", "--current").requireSuccess("evbus status");
        return json.readTree(status.stdout()).path("buses").path(0).path("bridge");
    }

    private void awaitConnected(Evbus home) throws IOException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (true) {
            Counts counts = Counts.of(bridge(home));
            if (counts.state().equals("connected")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bridge in " + home.home() + " was not connected within "
                        + CONNECT_TIMEOUT + ": state " + counts.state() + ", last error " + counts.lastError());
            }
            Poll.pause(POLL);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            consumers.close();
        } finally {
            try {
                b.close();
            } finally {
                a.close();
            }
        }
    }
}
