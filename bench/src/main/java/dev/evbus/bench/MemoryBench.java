package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (d) The daemon's resident memory with one consumer attached and with many. Consumers start in
 * batches (each is a JVM, and they share the machine's cores) and the next batch waits until the
 * bus lists the previous one.
 */
final class MemoryBench {
    private static final int BATCH = 10;
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(120);
    private static final long TARGET_KIB = 64 * 1024;

    private MemoryBench() {
    }

    static void run(Path launcher, int consumers, Cleanup scope, Report report) throws IOException, InterruptedException {
        BusHome home = scope.register(BusHome.create(launcher, "10m"));
        ConsumerGroup group = scope.register(new ConsumerGroup());
        ConsumerProcess first = group.add(ConsumerProcess.launch(home, true, null));
        home.awaitConsumers(1, ATTACH_TIMEOUT);
        BusHome.sleep(SETTLE); // an idle period on purpose: start-up garbage settles before the reading
        BusStatus status = home.awaitConsumers(1, ATTACH_TIMEOUT);
        long idle = ResidentMemory.kibibytes(status.pid());
        report.checked("daemon resident memory (VmRSS), idle, 1 consumer", ResidentMemory.megabytes(idle), "≤ 64 MB",
                idle <= TARGET_KIB);
        report.measured("one consumer process's resident memory (VmRSS), idle",
                ResidentMemory.megabytes(ResidentMemory.kibibytes(first.pid())));
        int started = 1;
        while (started < consumers) {
            int batch = Math.min(BATCH, consumers - started);
            for (int i = 0; i < batch; i++) {
                group.add(ConsumerProcess.launch(home, true, null));
            }
            started += batch;
            status = home.awaitConsumers(started, ATTACH_TIMEOUT);
        }
        long loaded = ResidentMemory.kibibytes(status.pid());
        report.measured("daemon resident memory (VmRSS), " + consumers + " consumers attached",
                ResidentMemory.megabytes(loaded));
        scope.release(group);
        scope.release(home);
    }
}
