package dev.evbus.cli.e2e;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a bus holds at one moment: resident memory and descriptors ({@link ProcessProbe}) and its
 * threads by name ({@link ThreadCensus}). The soak suites take one as a baseline and wait for the
 * bus to come back to it.
 */
record BusFootprint(ProcessProbe.Reading reading, ThreadCensus threads) {
    /** Connections close within the bus's 5 s first-frame deadline; the rest is slack for a busy machine. */
    static final Duration DRAIN_PATIENCE = Duration.ofSeconds(60);

    /**
     * How long resident memory must hold still to count as settled: longer than the 5 s period of
     * the bus's native-heap trim ({@code -XX:TrimNativeHeapInterval}) and of HotSpot's release of
     * pooled compiler arena chunks, so what a compilation or a burst of connections borrowed from
     * malloc has been handed back by then.
     */
    static final Duration SETTLE_SPAN = Duration.ofSeconds(6);
    /** How far resident memory may move within {@link #SETTLE_SPAN} and still count as settled. */
    static final long SETTLE_TOLERANCE_KIB = 256;

    static BusFootprint of(long pid) {
        return new BusFootprint(new ProcessProbe(pid).read(), ThreadCensus.of(pid));
    }

    /**
     * Waits until the bus holds no more threads (of its own) and descriptors than at {@code baseline},
     * and returns that footprint. Not more, rather than exactly as many: a connection's thread that
     * was still ending when the baseline was read makes the baseline one higher, while a leak can
     * only make the count grow.
     */
    static BusFootprint awaitBackTo(long pid, BusFootprint baseline) {
        BusFootprint[] last = {of(pid)};
        Poll.until(DRAIN_PATIENCE, "the bus's threads and descriptors back to their baseline", () -> {
            last[0] = of(pid);
            return last[0].threads.owned() <= baseline.threads.owned()
                    && last[0].reading.descriptors() <= baseline.reading.descriptors();
        }, () -> "baseline: " + baseline + "\nnow:      " + last[0]);
        return last[0];
    }

    /**
     * Waits until the bus's resident memory has moved by no more than {@link #SETTLE_TOLERANCE_KIB}
     * over {@link #SETTLE_SPAN}, and returns the footprint then. A reading taken at a random moment
     * can catch the C2 compiler's arenas (measured with NMT, "Arena Chunk" swings between 0 and
     * 5 MiB while it compiles) or malloc memory not yet trimmed; a settled one holds what the bus
     * keeps. Both sides of a comparison are read this way, so neither hides growth.
     */
    static BusFootprint awaitSettled(long pid) {
        ProcessProbe probe = new ProcessProbe(pid);
        Deque<long[]> window = new ArrayDeque<>(); // {nanoTime, resident KiB}, oldest first
        Poll.until(DRAIN_PATIENCE, "the bus's resident memory to settle", () -> {
            long now = System.nanoTime();
            window.addLast(new long[] {now, probe.read().residentKiB()});
            while (now - window.peekFirst()[0] > SETTLE_SPAN.toNanos() + Duration.ofSeconds(1).toNanos()) {
                window.removeFirst();
            }
            long low = window.stream().mapToLong(reading -> reading[1]).min().orElseThrow();
            long high = window.stream().mapToLong(reading -> reading[1]).max().orElseThrow();
            return now - window.peekFirst()[0] >= SETTLE_SPAN.toNanos() && high - low <= SETTLE_TOLERANCE_KIB;
        }, () -> "resident KiB over the last " + SETTLE_SPAN.toSeconds() + " s: "
                + window.stream().map(reading -> Long.toString(reading[1])).distinct().toList());
        return of(pid);
    }

    /**
     * Waits until the bus counts two connections: the one consumer a soak suite keeps attached
     * throughout, and the status query asking. The suite's other connections have all closed.
     */
    static void awaitOneConsumerConnected(Path socket) {
        Poll.until(DRAIN_PATIENCE, "the bus to close every other connection", () -> {
            try {
                return Evbus.parse(RawBusConnection.statusQuery(socket)).path("active_conns").asInt() == 2;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Figures named {@code PREFIX_threads} (owned, and total), {@code PREFIX_fds} and {@code PREFIX_rss_mib}. */
    String[] figures(String prefix) {
        return new String[] {prefix + "_threads=" + threads.owned(), prefix + "_threads_total=" + threads.total(),
            prefix + "_fds=" + reading.descriptors(), String.format("%s_rss_mib=%.1f", prefix, reading.residentMiB())};
    }

    @Override
    public String toString() {
        return reading + " threads: " + threads;
    }
}
