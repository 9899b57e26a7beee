package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, all threads, user plus system, from {@code /proc/<pid>/stat}.
 * Shows where the cores go when the machine, not the code, is the limit.
 */
final class CpuTime {
    /** USER_HZ: the unit of the stat file's times, 100 on every Linux build that matters. */
    private static final long NANOS_PER_TICK = 10_000_000;
    /** utime and stime are fields 14 and 15; counting from the state (field 3) after the command name. */
    private static final int UTIME_AFTER_NAME = 11;

    private CpuTime() {
    }

    static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1])) * NANOS_PER_TICK;
    }
}
