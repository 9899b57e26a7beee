package dev.evbus.cli.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a bus holds at one moment: resident memory and descriptors ({@link ProcessProbe}) and its
 * threads by name ({@link ThreadCensus}). The soak suites take one as a baseline and wait for the
 * bus to come back to it.
 */
record BusFootprint(ProcessProbe.Reading reading, ThreadCensus threads) {
    /** Connections close within the bus's 5 s first-frame deadline; the rest is slack for a busy machine. */
    static final Duration DRAIN_PATIENCE = Duration.ofSeconds(60);

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
