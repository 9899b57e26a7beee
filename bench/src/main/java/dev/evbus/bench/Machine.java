package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the numbers were measured on; a benchmark result means little without it. */
record Machine(String cpu, int cores, String memory, String kernel, String jdk, String loadAverage, String aotCache) {

    static Machine describe(Path repoRoot) {
        // bin/build names each role's cache after the exact runtime it was trained on, as bin/evbus
        // looks it up; the consume-raw one stands for all of them.
        Path aot = repoRoot.resolve("cli/target/aot/consume-raw-" + System.getProperty("java.runtime.version") + ".aot");
        Path jar = repoRoot.resolve("cli/target/evbus.jar");
        return new Machine(
                firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
                Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/meminfo"), "MemTotal").map(Machine::kilobytesAsGigabytes).orElse("unknown"),
                read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")),
                System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")",
                currentLoadAverage(),
                isNewer(aot, jar) ? "yes (" + aot.getFileName() + ")" : "no");
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
    static String currentLoadAverage() {
        return read(Path.of("/proc/loadavg")).map(load -> String.join(" ", List.of(load.split(" ")).subList(0, 3)))
                .orElse("unknown");
    }

    String toMarkdown() {
        return String.join("\n",
                "| machine | |",
                "| --- | --- |",
                "| CPU | " + cpu + " |",
                "| cores | " + cores + " |",
                "| memory | " + memory + " |",
                "| kernel | Linux " + kernel + " |",
                "| JDK | " + jdk + " |",
                "| load average at start (1/5/15 min) | " + loadAverage + " |",
                "| AOT cache used by bin/evbus | " + aotCache + " |");
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static String kilobytesAsGigabytes(String value) {
        long kilobytes = Long.parseLong(value.replace("kB", "").strip());
        return String.format(Locale.ROOT, "%.1f GiB", kilobytes / 1024.0 / 1024.0);
    }

    private static boolean isNewer(Path file, Path than) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) >= 0;
        } catch (IOException unreadable) {
            return false;
        }
    }
}
