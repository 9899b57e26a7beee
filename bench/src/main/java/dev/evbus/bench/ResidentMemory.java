package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A process's resident set, as the kernel reports it in {@code /proc/<pid>/status}. */
final class ResidentMemory {
    private ResidentMemory() {
    }

    /** VmRSS in kibibytes. */
    static long kibibytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
            }
        }
        throw new IOException("no VmRSS line for pid " + pid);
    }

    static String megabytes(long kibibytes) {
        return String.format(Locale.ROOT, "%.1f MB", kibibytes / 1024.0);
    }
}
