package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * (d) Resident (RSS) and proportional (PSS) memory of idle evbus processes beside the JVM floor's
 * (a {@link JvmFloor} hello world blocked on stdin, running alongside): one {@code consume raw}
 * that finds the bus running and the one that forked it, the bus, then {@code --pss-consumers} consumers at once (PSS is what each costs when
 * many share libjvm.so and the AOT cache), then the bus with {@code --memory-consumers} attached.
 * Every reading waits until the processes' memory holds still ({@link MemorySettle}). Consumers
 * start in batches (each is a JVM, and they share the machine's cores) and the next batch waits
 * until the bus lists the previous one.
 */
final class MemoryBench {
    private static final int BATCH = 10;
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(120);
    // The targets, in MiB as every figure here.
    private static final long CONSUMER_RSS_KIB = 40 * 1024;
    private static final long CONSUMER_PSS_KIB = 22 * 1024;
    private static final long BUS_RSS_KIB = 36 * 1024;

    private final Evbus home;
    private final ConsumerGroup group;
    private final JvmFloor.Blocked floor;
    private final Report report;

    private MemoryBench(Evbus home, ConsumerGroup group, JvmFloor.Blocked floor, Report report) {
        this.home = home;
        this.group = group;
        this.floor = floor;
        this.report = report;
    }

    static void run(Path root, JvmFloor jvmFloor, int pssConsumers, int consumers, Cleanup scope, Report report)
            throws IOException, InterruptedException {
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        ConsumerGroup group = scope.register(new ConsumerGroup());
        JvmFloor.Blocked floor = scope.register(jvmFloor.startBlocked());
        MemoryBench bench = new MemoryBench(home, group, floor, report);
        bench.oneConsumer(jvmFloor.describe());
        bench.manyConsumers(pssConsumers);
        long busPid = BusStatus.of(home).pid();
        bench.attach(consumers);
        bench.settle(List.of(busPid));
        report.measured("the bus's memory, " + consumers + " consumers attached", ResidentMemory.footprint(busPid).toString());
        scope.release(floor);
        scope.release(group);
        scope.release(home);
    }

    /**
     * The consumer that finds no bus forks one, and runs the fork path (its config check, the
     * child's command line) that its AOT cache leaves out (decision 0010): it is measured on its
     * own. The one the target is about is the common case, a consumer that finds the bus running.
     */
    private void oneConsumer(String floorDescription) throws IOException, InterruptedException {
        ConsumerProcess forker = group.add(ConsumerProcess.launch(home, true, null));
        BusStatus.awaitConsumers(home, 1, ATTACH_TIMEOUT);
        ConsumerProcess consumer = group.add(ConsumerProcess.launch(home, true, null));
        long busPid = BusStatus.awaitConsumers(home, 2, ATTACH_TIMEOUT).pid();
        settle(List.of(busPid, forker.pid(), consumer.pid(), floor.pid()));
        ResidentMemory.Footprint one = ResidentMemory.footprint(consumer.pid());
        ResidentMemory.Footprint forked = ResidentMemory.footprint(forker.pid());
        ResidentMemory.Footprint bus = ResidentMemory.footprint(busPid);
        ResidentMemory.Footprint hello = ResidentMemory.footprint(floor.pid());
        report.measured("JVM floor: " + floorDescription + ", blocked on stdin, beside the consumer below", hello.toString());
        report.checked("one idle `consume raw`, bus running", one + "; floor " + hello, "≤ 40 MB RSS",
                one.rssKib() <= CONSUMER_RSS_KIB);
        report.measured("the idle `consume raw` that forked the bus", forked + "; floor " + hello);
        report.checked("the idle bus, 2 consumers attached", bus + "; floor " + hello, "≤ 36 MB RSS",
                bus.rssKib() <= BUS_RSS_KIB);
    }

    private void manyConsumers(int count) throws IOException, InterruptedException {
        long busPid = attach(count);
        List<Long> pids = new ArrayList<>(group.members().stream().map(ConsumerProcess::pid).toList());
        List<Long> watched = new ArrayList<>(pids);
        watched.addAll(List.of(busPid, floor.pid()));
        settle(watched);
        List<ResidentMemory.Footprint> footprints = new ArrayList<>();
        for (long pid : pids) {
            footprints.add(ResidentMemory.footprint(pid));
        }
        ResidentMemory.Spread spread = ResidentMemory.Spread.of(footprints);
        ResidentMemory.Footprint hello = ResidentMemory.footprint(floor.pid());
        report.checked(count + " concurrent idle `consume raw`, each",
                "PSS mean " + ResidentMemory.megabytes(spread.mean().pssKib()) + ", max "
                        + ResidentMemory.megabytes(spread.max().pssKib()) + "; RSS mean "
                        + ResidentMemory.megabytes(spread.mean().rssKib()) + ", max "
                        + ResidentMemory.megabytes(spread.max().rssKib()) + "; floor beside them " + hello,
                "≤ 22 MB PSS (max)", spread.max().pssKib() <= CONSUMER_PSS_KIB);
    }

    /** Starts consumers in batches until {@code count} are attached; the bus's pid. */
    private long attach(int count) throws IOException {
        int started = group.members().size();
        BusStatus status = BusStatus.awaitConsumers(home, started, ATTACH_TIMEOUT);
        while (started < count) {
            int batch = Math.min(BATCH, count - started);
            for (int i = 0; i < batch; i++) {
                group.add(ConsumerProcess.launch(home, true, null));
            }
            started += batch;
            status = BusStatus.awaitConsumers(home, started, ATTACH_TIMEOUT);
        }
        return status.pid();
    }

    private void settle(List<Long> pids) throws IOException {
        List<String> unsettled = MemorySettle.await(pids);
        if (!unsettled.isEmpty()) {
            report.note("memory read although it had not settled (moved more than " + MemorySettle.TOLERANCE_KIB
                    + " KiB within " + MemorySettle.SPAN.toSeconds() + " s for a minute): " + String.join("; ", unsettled));
        }
    }
}
