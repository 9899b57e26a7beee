package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz soak: random and damaged frames ({@link WireFrames}) over many connections, several at
 * a time, against a live bus with a real {@code consume raw} attached. Between batches the suite
 * publishes one event of its own; the consumer must print exactly those, in order, the bus must
 * answer a status query, and at the end hold no more threads or descriptors than before. Every
 * first-frame type reaches the bus decodable, {@code shutdown} too: unforced, the bus refuses it
 * while the consumer is attached, and the same bus serving to the end proves that it did.
 *
 * <p>Seeded ({@value #DEFAULT_SEED}, or {@code -Devbus.fuzz.seed=N}), and the seed is in the
 * figures, so a failure repeats. Quick form in {@code bin/test}; {@code bench/soak fuzz} sends
 * 100,000 frames or more.
 */
@ExtendWith(EvbusExtension.class)
class FuzzIT {
    private static final long DEFAULT_SEED = 20250601L;
    private static final int CONCURRENCY = 6;
    private static final int BATCH = 150;
    private static final String WATCH_TYPE = FuzzSafety.WATCH + ".tick";

    @Test
    void busSurvivesRandomAndMutatedFramesAndItsConsumerReceivesExactlyItsEventsInOrder(Evbus evbus) throws Exception {
        long seed = Long.getLong("evbus.fuzz.seed", DEFAULT_SEED);
        int targetFrames = Soak.size(12_000, 100_000);
        EvbusProcess watcher = evbus.consumeReady("raw", "-p", "type=" + FuzzSafety.WATCH + ".*");
        long busPid = evbus.busPid();
        String subscription = evbus.status().path("consumers").get(0).path("subscription_id").asText();
        Path socket = evbus.appDir().resolve("bus.sock");
        List<String> published = new ArrayList<>();

        try (FuzzTraffic traffic = new FuzzTraffic(socket, seed, subscription, CONCURRENCY)) {
            // a warm-up round first: the JIT's and the bus's lazily started threads are part of the baseline
            traffic.batch(BATCH, false);
            publishAndAwait(socket, watcher, published);
            BusFootprint.awaitOneConsumerConnected(socket);
            BusFootprint before = BusFootprint.of(busPid);
            long logLinesBefore = busLogLines(evbus);
            traffic.startCounting();
            long start = System.nanoTime();

            for (int batch = 1; traffic.framesSent() < targetFrames; batch++) {
                traffic.batch(BATCH, batch % 10 == 1);
                assertTrue(ProcessHandle.of(busPid).map(ProcessHandle::isAlive).orElse(false), "the bus died in batch " + batch);
                publishAndAwait(socket, watcher, published);
                String status = RawBusConnection.statusQuery(socket);
                assertTrue(status.contains("\"type\":\"status_response\""), "status during the fuzz: " + status);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals(published, watcher.eventIds(), "the consumer's events: exactly the suite's own, in order");
            JsonNode status = evbus.status();
            assertEquals(busPid, status.path("pid").asLong(), "the same bus still serves: " + status);
            assertEquals(1, status.path("consumers").size(), status.toString());
            assertTrue(watcher.isAlive(), watcher.describe());
            BusFootprint after = BusFootprint.awaitBackTo(busPid, before);
            List<String> stackTraces = evbus.busLogLines().stream()
                    .filter(line -> line.startsWith("\tat ") || line.contains("Exception in thread")).toList();
            assertEquals(List.of(), stackTraces, "bus.log must hold one-line warnings, not stack traces");

            Map<String, Long> firstFrames = traffic.firstFramesActedOn();
            for (String type : WireFrames.FIRST_TYPES) {
                assertTrue(firstFrames.getOrDefault(type, 0L) > 0, "no decodable " + type + " first frame was sent: " + firstFrames);
            }
            assertTrue(traffic.refusalsRead() > 0, "no connection read the refusal of an unforced shutdown");

            long frames = traffic.framesSent();
            List<String> figures = new ArrayList<>(List.of("seed=" + seed, "frames=" + frames));
            figures.addAll(traffic.figures());
            figures.addAll(List.of(String.format("duration_s=%.1f", seconds), String.format("frames_per_s=%.0f", frames / seconds),
                    "events_watched=" + published.size(), "bus_log_lines=" + (busLogLines(evbus) - logLinesBefore)));
            figures.addAll(List.of(before.figures("before")));
            figures.addAll(List.of(after.figures("after")));
            Soak.figures("fuzz", figures.toArray(String[]::new));
        }
    }

    /** Publishes one event of the suite's own over the wire and waits until the consumer printed it. */
    private static void publishAndAwait(Path socket, EvbusProcess watcher, List<String> published) throws Exception {
        String id = FuzzSafety.WATCH + "-" + published.size();
        String ack = RawBusConnection.publish(socket, WATCH_TYPE, id);
        assertTrue(ack.contains("\"accepted\":1"), "publish of " + id + ": " + ack);
        published.add(id);
        watcher.awaitStdoutLines(published.size());
    }

    /** Lines in bus.log and its rotated predecessor: a size rotation during the run does not hide what was written. */
    private static long busLogLines(Evbus evbus) {
        Path log = evbus.busLog();
        return Stream.of(log, log.resolveSibling("bus.log.1")).mapToLong(file -> Evbus.readLines(file).size()).sum();
    }
}
