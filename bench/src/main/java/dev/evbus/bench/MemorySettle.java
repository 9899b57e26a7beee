package dev.evbus.bench;

import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until processes' resident memory holds still instead of sleeping a guessed while, the rule
 * of the e2e suites' {@code BusFootprint.awaitSettled}: a reading at a random moment can catch the
 * JIT's arenas or malloc memory the bus's periodic native-heap trim (every 5 s) has not handed
 * back yet; a settled one holds what the process keeps.
 */
final class MemorySettle {
    /** Longer than the bus's 5 s trim interval and HotSpot's release of pooled compiler arena chunks. */
    static final Duration SPAN = Duration.ofSeconds(6);
    /** How far resident memory may move within {@link #SPAN} and still count as settled. */
    static final long TOLERANCE_KIB = 256;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private MemorySettle() {
    }

    /** One process's resident memory over the last {@link #SPAN} (and a second more); no clock of its own, so tests feed it times. */
    static final class Window {
        private final Deque<long[]> readings = new ArrayDeque<>(); // {nanoTime, resident KiB}, oldest first

        void add(long nanos, long residentKib) {
            readings.addLast(new long[] {nanos, residentKib});
            while (nanos - readings.peekFirst()[0] > SPAN.toNanos() + Duration.ofSeconds(1).toNanos()) {
                readings.removeFirst();
            }
        }

        /** Whether the readings span at least {@link #SPAN} and stay within {@link #TOLERANCE_KIB} of each other. */
        boolean settled() {
            if (readings.isEmpty() || readings.peekLast()[0] - readings.peekFirst()[0] < SPAN.toNanos()) {
                return false;
            }
            long low = readings.stream().mapToLong(reading -> reading[1]).min().orElseThrow();
            long high = readings.stream().mapToLong(reading -> reading[1]).max().orElseThrow();
            return high - low <= TOLERANCE_KIB;
        }

        @Override
        public String toString() {
            return readings.stream().map(reading -> Long.toString(reading[1])).distinct().toList() + " KiB";
        }
    }

    /**
     * Polls every process's VmRSS until each has settled, all in one loop so twenty processes take
     * one span, not twenty. Returns the ones that had not settled after a minute, with their last
     * readings (empty when all did): the bench reads them anyway and says so in a note.
     */
    static List<String> await(List<Long> pids) throws IOException {
        Map<Long, Window> windows = new LinkedHashMap<>();
        pids.forEach(pid -> windows.put(pid, new Window()));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> unsettled = new ArrayList<>();
            for (Map.Entry<Long, Window> entry : windows.entrySet()) {
                Window window = entry.getValue();
                window.add(System.nanoTime(), ResidentMemory.kibibytes(entry.getKey()));
                if (!window.settled()) {
                    unsettled.add("pid " + entry.getKey() + ": " + window);
                }
            }
            if (unsettled.isEmpty() || System.nanoTime() > deadline) {
                return unsettled;
            }
            Poll.pause(POLL); // the condition is checked again each turn
        }
    }
}
