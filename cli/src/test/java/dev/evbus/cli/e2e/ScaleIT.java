package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import dev.evbus.testkit.RawConsumer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale: many consumers on one bus, all receiving every event of a steady 1,000 events/s, none
 * losing one, and the bus's resident memory bounded: ≤ 150 MB with 1,000 consumers under load
 * (long form, {@code bench/soak scale}), the target, and the idle bus ≤ 46 MiB (MiB, as
 * every figure here; the issue asks for 48 MB): it settles at 45.0 (libjvm's code alone is 17.7
 * resident, the ~2,000 classes' metadata and symbols another 15), running C2 without the tiered C1
 * stage, with the small string and symbol tables and two malloc arenas of {@code BusLaunch}, and
 * loading neither {@code java.time.format} ({@code InstantText} writes the times) nor, before its
 * first event, Caffeine and {@code java.util.logging} ({@code DedupFilter}). It settled at 46.8
 * without those two and at 47.8 without the table and arena flags; the bound keeps 1 MiB over
 * today's figure so that such a regression fails here.
 *
 * <p>The consumers are wire-protocol connections from this JVM ({@link RawConsumer}), not
 * {@code consume} processes: each of those is a JVM of ~57 MB, and a thousand would need 57 GB.
 * What the bus sees is the same: a connection, a hello, a subscription, a reader of its log.
 *
 * <p>The quick form attaches 200. Its bound scales the long form's growth over the idle bus
 * (150 − 46 = 104 MiB for 1,000 consumers) to 200, and keeps the 16 MiB the load itself costs
 * whatever the count (the heap's young generation grown by the traffic, the JIT's code for the
 * hot path): 46 + 16 + 104 × 200 / 1,000 = 82.8 MiB.
 */
@ExtendWith(EvbusExtension.class)
class ScaleIT {
    private static final int RATE = 1_000;
    private static final int BATCHES_PER_SECOND = 100;
    private static final double IDLE_BOUND_MIB = 46;
    private static final double LOAD_COST_MIB = 16;
    private static final double GROWTH_PER_CONSUMER_MIB = (150.0 - IDLE_BOUND_MIB) / 1_000;

    @Test
    void everyConsumerReceivesEveryEventOnceInOrderWithinTheMemoryTargets(Evbus evbus) throws Exception {
        int consumers = Soak.size(200, 1_000);
        int seconds = Soak.size(10, 60);
        double loadBound = Soak.longForm() ? 150 : IDLE_BOUND_MIB + LOAD_COST_MIB + GROWTH_PER_CONSUMER_MIB * consumers;
        Path socket = evbus.appDir().resolve("bus.sock");
        EvbusProcess first = evbus.consumeReady("raw");
        ProcessProbe bus = new ProcessProbe(evbus.busPid());
        // start-up garbage and malloc's peak are given back within seconds (the bus trims every 5 s)
        Poll.until(Poll.PATIENCE, "the idle bus to settle at or below " + IDLE_BOUND_MIB + " MiB",
                () -> bus.read().residentMiB() <= IDLE_BOUND_MIB, () -> bus.read().toString());
        ProcessProbe.Reading idle = bus.read();

        List<RawConsumer> attached = new ArrayList<>();
        try {
            for (int i = 0; i < consumers; i++) {
                attached.add(RawConsumer.attach(socket, "raw", "scale-" + i, 900_000 + i));
            }
            evbus.awaitConsumers(consumers + 1);
            ProcessProbe.Reading quiet = bus.read();

            int events = RATE * seconds;
            double peak = feed(evbus, bus, events);
            Poll.until(Duration.ofSeconds(120), "every consumer to receive all " + events + " events",
                    () -> attached.stream().allMatch(c -> c.received() >= events || c.problem() != null || !c.reading()),
                    () -> "slowest " + attached.stream().mapToLong(RawConsumer::received).min().orElse(0));
            ProcessProbe.Reading after = bus.read();
            Soak.figures("scale", "consumers=" + consumers, "events=" + events, "rate=" + RATE,
                    "rss_idle_mib=" + mib(idle.residentMiB()), "rss_attached_mib=" + mib(quiet.residentMiB()),
                    "rss_peak_load_mib=" + mib(peak), "rss_after_mib=" + mib(after.residentMiB()),
                    "threads_idle=" + idle.threads(), "threads_attached=" + quiet.threads(), "bound_mib=" + mib(loadBound));

            for (RawConsumer consumer : attached) {
                assertEquals(null, consumer.problem());
                assertEquals(events, consumer.received(), "a consumer lost or repeated events");
            }
            first.awaitStdoutLines(events);
            assertTrue(peak <= loadBound, "peak resident " + mib(peak) + " MiB over " + mib(loadBound) + " MiB");
        } finally {
            for (RawConsumer consumer : attached) {
                consumer.close();
            }
        }
    }

    /** Publishes {@code events} at {@link #RATE} through one {@code publish --stdin}; returns the bus's peak RSS meanwhile. */
    private static double feed(Evbus evbus, ProcessProbe bus, int events) throws IOException {
        EvbusProcess publisher = evbus.start("publish", "--stdin");
        OutputStream in = publisher.stdin();
        int perBatch = RATE / BATCHES_PER_SECOND;
        long interval = TimeUnit.SECONDS.toNanos(1) / BATCHES_PER_SECOND;
        long next = System.nanoTime();
        double peak = 0;
        for (int sent = 0; sent < events; sent += perBatch) {
            StringBuilder batch = new StringBuilder();
            for (int i = sent; i < sent + perBatch; i++) {
                batch.append(Feeder.line("scale.tick", "s-" + i, i));
            }
            try {
                in.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException gone) {
                List<String> log = evbus.busLogLines();
                throw new AssertionError("the publisher went away after " + sent + " events: " + publisher.describe()
                        + "\nbus.log ends: " + log.subList(Math.max(0, log.size() - 5), log.size()), gone);
            }
            if (sent % RATE == 0) {
                peak = Math.max(peak, bus.read().residentMiB());
            }
            next += interval;
            LockSupport.parkNanos(next - System.nanoTime()); // pacing the rate, not waiting for a condition
        }
        publisher.closeStdin();
        assertEquals(0, publisher.awaitExit(Duration.ofSeconds(60)), publisher.describe());
        return Math.max(peak, bus.read().residentMiB());
    }

    private static String mib(double value) {
        return String.format("%.1f", value);
    }
}
