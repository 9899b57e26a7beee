package dev.evbus.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A live process's threads by name, read from {@code /proc/PID/task/TID/comm} (Linux cuts names
 * at 15 characters). The soak suites compare the threads a bus's own code owns; the pools the JVM
 * sizes by itself are left out of that count, because their size follows load and a keep-alive,
 * not the bus: JIT compiler threads (added and retired as compile queues grow and shrink) and
 * ForkJoinPool workers (virtual threads' carriers, which retire after 30 s idle).
 */
record ThreadCensus(Map<String, Integer> byName) {
    private static final List<String> JVM_SIZED = List.of("C1 CompilerThre", "C2 CompilerThre", "C1 C2 Compiler", "ForkJoinPool");

    static ThreadCensus of(long pid) {
        Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).strip(), 1, Integer::sum);
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list the threads of pid " + pid + " (has it exited?)", e);
        }
        return new ThreadCensus(names);
    }

    /** Every thread but those of the pools the JVM sizes itself. */
    int owned() {
        return byName.entrySet().stream().filter(entry -> JVM_SIZED.stream().noneMatch(entry.getKey()::startsWith))
                .mapToInt(Map.Entry::getValue).sum();
    }

    int total() {
        return byName.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        return "owned=" + owned() + " total=" + total() + " " + byName;
    }
}
