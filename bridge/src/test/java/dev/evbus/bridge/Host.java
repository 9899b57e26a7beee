package dev.evbus.bridge;

import dev.evbus.event.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One host of a test: its log, its ingest and its bridge, with the lines the bridge logged. */
final class Host implements AutoCloseable {
    final String node;
    final ListLog log;
    final RecordingIngest ingest = new RecordingIngest();
    final List<String> info = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final NatsBridge bridge;

    Host(String node, List<String> servers, int replicas) {
        this(node, servers, replicas, new ListLog());
    }

    Host(String node, List<String> servers, int replicas, ListLog log) {
        this(config(node, servers, replicas, Duration.ofMinutes(2)), log);
    }

    Host(NatsBridgeConfig config, ListLog log) {
        this.node = config.node();
        this.log = log;
        bridge = new NatsBridge(config, new BridgeContext("test", log, ingest, info::add, warnings::add, TimeSource.system()));
        bridge.start();
    }

    /** Stream {@code EVBUS_TEST} on subjects {@code evbus.test.>}, every type out and in. */
    static NatsBridgeConfig config(String node, List<String> servers, int replicas, Duration duplicateWindow) {
        return new NatsBridgeConfig(servers, node, "EVBUS_TEST", "evbus.test", NatsAuth.NONE, replicas, duplicateWindow,
                Duration.ofHours(1), 256L << 20, List.of("*"), List.of("*"), 256);
    }

    /** Appends {@code count} events with ids {@code <node>-<from + i>}. */
    void publish(int from, int count) {
        for (int i = from; i < from + count; i++) {
            log.append("order.created", node + "-" + i);
        }
    }

    static List<String> ids(String node, int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(i -> node + "-" + i).toList();
    }

    @Override
    public String toString() {
        return node + " " + bridge.report() + " accepted=" + ingest.size() + " warnings=" + warnings;
    }

    @Override
    public void close() {
        bridge.close();
    }
}
