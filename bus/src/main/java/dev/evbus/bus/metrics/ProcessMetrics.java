package dev.evbus.bus.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The process's families under the names Prometheus's client libraries use ({@code process_*},
 * {@code jvm_memory_*}), so existing dashboards and alerts fit. Read from {@code /proc/self} and
 * the runtime on each scrape, without the management beans (which would cost the bus their
 * classes); a figure the system does not offer is left out, never made up.
 */
public final class ProcessMetrics implements Collector {
    private final Path self;
    private final Runtime runtime;
    private final ProcessHandle process;

    /** {@code self}: the process's directory in procfs, {@code /proc/self} on Linux. */
    public ProcessMetrics(Path self) {
        this.self = self;
        this.runtime = Runtime.getRuntime();
        this.process = ProcessHandle.current();
    }

    @Override
    public void collect(Exposition out) {
        statusKilobytes("VmRSS:").ifPresent(kb -> out.gauge("process_resident_memory_bytes", "Resident memory size in bytes.")
                .sample(kb * 1024));
        entries("fd").ifPresent(n -> out.gauge("process_open_fds", "Open file descriptors.").sample(n));
        maxOpenFiles().ifPresent(n -> out.gauge("process_max_fds", "The most file descriptors the process may open.")
                .sample(n));
        entries("task").ifPresent(n -> out.gauge("process_threads", "Operating system threads of the process.").sample(n));
        ProcessHandle.Info now = process.info(); // a snapshot: taken on each scrape
        now.startInstant().ifPresent(start -> out.gauge("process_start_time_seconds",
                "Start time of the process since the Unix epoch in seconds.").sample(seconds(start)));
        now.totalCpuDuration().ifPresent(cpu -> out.counter("process_cpu_seconds_total",
                "User and system CPU time spent in seconds.").sample(cpu.toNanos() / 1e9));
        long committed = runtime.totalMemory();
        out.gauge("jvm_memory_used_bytes", "Java heap in use (live and not yet collected objects).")
                .sample(committed - runtime.freeMemory(), "area", "heap");
        out.gauge("jvm_memory_committed_bytes", "Java heap the JVM holds from the system.").sample(committed, "area", "heap");
        out.gauge("jvm_memory_max_bytes", "The largest the Java heap may grow (-Xmx).").sample(runtime.maxMemory(), "area", "heap");
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** A {@code kB} line of {@code status}, such as {@code VmRSS:   123456 kB}. */
    private OptionalLong statusKilobytes(String field) {
        for (String line : lines("status")) {
            if (line.startsWith(field)) {
                return number(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return OptionalLong.empty();
    }

    /** The soft limit of {@code Max open files} in {@code limits}; absent when unlimited. */
    private OptionalLong maxOpenFiles() {
        for (String line : lines("limits")) {
            if (line.startsWith("Max open files")) {
                return number(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return OptionalLong.empty();
    }

    private OptionalLong entries(String directory) {
        try (Stream<Path> listing = Files.list(self.resolve(directory))) {
            return OptionalLong.of(listing.count());
        } catch (IOException | RuntimeException unavailable) {
            return OptionalLong.empty();
        }
    }

    private List<String> lines(String file) {
        try {
            return Files.readAllLines(self.resolve(file));
        } catch (IOException | RuntimeException unavailable) {
            return List.of();
        }
    }

    private static OptionalLong number(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException notNumber) {
            return OptionalLong.empty();
        }
    }
}
