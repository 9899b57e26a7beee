package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Consumers attached to one bus, with what it takes to see what reached each of them. */
final class LoadRig implements AutoCloseable {
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(5);

    private final Evbus home;
    private final ConsumerGroup group;
    private final Path socket;
    private final long busPid;

    private LoadRig(Evbus home, ConsumerGroup group, BusStatus status) {
        this.home = home;
        this.group = group;
        this.socket = status.socket();
        this.busPid = status.pid();
    }

    /**
     * Starts {@code count} quiet consumers and waits until the bus lists them all. {@code latency}
     * (nullable) reads the first consumer's stamps.
     */
    static LoadRig attach(Evbus home, int count, LatencyRecorder latency) throws IOException, InterruptedException {
        return attach(home, count, i -> ConsumerProcess.launch(home, true, i == 0 ? latency : null));
    }

    /** Starts one {@code evbus consume KEY keyArgs...} and waits until the bus lists it. */
    static LoadRig attachKey(Evbus home, String key, String... keyArgs) throws IOException, InterruptedException {
        return attach(home, 1, i -> ConsumerProcess.launchKey(home, null, key, keyArgs));
    }

    /** Starts consumer {@code index} of a rig. */
    private interface Launch {
        ConsumerProcess start(int index) throws IOException;
    }

    private static LoadRig attach(Evbus home, int count, Launch launch) throws IOException, InterruptedException {
        ConsumerGroup group = new ConsumerGroup();
        try {
            for (int i = 0; i < count; i++) {
                group.add(launch.start(i));
            }
            return new LoadRig(home, group, BusStatus.awaitConsumers(home, count, ATTACH_TIMEOUT));
        } catch (IOException | RuntimeException | AssertionError e) {
            group.close();
            throw e;
        }
    }

    Path socket() {
        return socket;
    }

    long busPid() {
        return busPid;
    }

    /** CPU time used so far by the bus (index 0) and by each consumer (index 1 on). */
    long[] cpuNanos() throws IOException {
        List<ConsumerProcess> consumers = consumers();
        long[] cpu = new long[consumers.size() + 1];
        cpu[0] = CpuTime.nanos(busPid);
        for (int i = 0; i < consumers.size(); i++) {
            cpu[i + 1] = CpuTime.nanos(consumers.get(i).pid());
        }
        return cpu;
    }

    List<ConsumerProcess> consumers() {
        return group.members();
    }

    long[] lines() {
        return group.lines();
    }

    /** The bus's cumulative drop count for each consumer, from {@code evbus status --json}. */
    long[] dropped() throws IOException {
        BusStatus status = BusStatus.of(home);
        return consumers().stream().mapToLong(consumer -> status.droppedFor(consumer.pid())).toArray();
    }

    /**
     * Waits until every consumer printed {@code expected} lines since {@code before}, or no count
     * has grown for {@code quiet} (the bus dropped some, so the rest never comes).
     */
    Delivery awaitDelivery(long[] before, long expected, Duration quiet) {
        List<ConsumerProcess> consumers = consumers();
        long[] last = lines();
        long lastGrowth = System.nanoTime();
        while (true) {
            long[] now = lines();
            boolean complete = true;
            for (int i = 0; i < now.length; i++) {
                complete &= now[i] - before[i] >= expected;
                if (now[i] != last[i]) {
                    lastGrowth = System.nanoTime();
                }
            }
            last = now;
            if (complete || System.nanoTime() - lastGrowth > quiet.toNanos()) {
                long[] delivered = new long[now.length];
                long[] arrivals = new long[now.length];
                for (int i = 0; i < now.length; i++) {
                    delivered[i] = now[i] - before[i];
                    arrivals[i] = consumers.get(i).lastArrivalNanos();
                }
                return new Delivery(delivered, arrivals);
            }
            Poll.pause(POLL);
        }
    }

    @Override
    public void close() throws InterruptedException {
        group.close();
    }
}
