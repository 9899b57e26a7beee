package dev.evbus.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * The highest resident set a process reaches while this is open, read from {@code /proc} by a
 * background thread every {@link #EVERY}: memory under load, not after it.
 */
final class PeakResidentMemory implements AutoCloseable {
    private static final Duration EVERY = Duration.ofMillis(100);

    private final long pid;
    private final Thread sampler;
    /** Written by the sampler thread only; read after it was joined, or as a snapshot. */
    private volatile long peakKibibytes;

    private PeakResidentMemory(long pid) {
        this.pid = pid;
        this.sampler = Thread.ofPlatform().daemon().name("rss-" + pid).unstarted(this::sample);
    }

    static PeakResidentMemory watch(long pid) throws IOException {
        PeakResidentMemory peak = new PeakResidentMemory(pid);
        peak.peakKibibytes = ResidentMemory.kibibytes(pid);
        peak.sampler.start();
        return peak;
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                peakKibibytes = Math.max(peakKibibytes, ResidentMemory.kibibytes(pid));
                Thread.sleep(EVERY);
            } catch (IOException gone) {
                return;
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** Stops sampling; the highest reading in kibibytes. */
    long stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        return peakKibibytes;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
