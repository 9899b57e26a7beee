package dev.evbus.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a live process holds, read from Linux's {@code /proc}: resident memory, threads and open
 * descriptors. The soak suites compare a bus's figures at start and end.
 */
record ProcessProbe(long pid) {

    /** One reading. */
    record Reading(long residentKiB, int threads, int descriptors) {
        double residentMiB() {
            return residentKiB / 1024.0;
        }

        @Override
        public String toString() {
            return String.format("rss=%.1fMiB threads=%d fds=%d", residentMiB(), threads, descriptors);
        }
    }

    Reading read() {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            long rss = -1;
            int threads = -1;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
            int descriptors;
            try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                descriptors = (int) fds.count();
            }
            return new Reading(rss, threads, descriptors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc of pid " + pid + " (has it exited?)", e);
        }
    }
}
