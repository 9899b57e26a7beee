package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/**
 * A process's memory as the kernel reports it: VmRSS from {@code /proc/<pid>/status} (cheap: a
 * counter), and Rss with Pss from {@code /proc/<pid>/smaps_rollup} (a walk of its page tables).
 * Every memory figure of the bench is read here.
 */
final class ResidentMemory {
    private ResidentMemory() {
    }

    /**
     * Resident set and proportional set size in KiB. PSS charges a shared page (libjvm.so, the JDK's
     * CDS archive, an AOT cache mapped by several JVMs) to its sharers in equal parts, so the PSS of
     * many processes adds up to what they take together, which RSS overstates.
     */
    record Footprint(long rssKib, long pssKib) {

        @Override
        public String toString() {
            return "RSS " + megabytes(rssKib) + ", PSS " + megabytes(pssKib);
        }
    }

    /** VmRSS in kibibytes. */
    static long kibibytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return kilobytes(line, "VmRSS:");
            }
        }
        throw new IOException("no VmRSS line for pid " + pid);
    }

    /** Rss and Pss of a live process, from its smaps_rollup. */
    static Footprint footprint(long pid) throws IOException {
        return parseRollup(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup")));
    }

    /**
     * The {@code Rss:} and {@code Pss:} lines of a smaps_rollup text. The colon matters: the kernel
     * also prints {@code Pss_Anon:}, {@code Pss_File:} and others, parts of Pss.
     */
    static Footprint parseRollup(String text) {
        long rss = -1;
        long pss = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("Rss:")) {
                rss = kilobytes(line, "Rss:");
            } else if (line.startsWith("Pss:")) {
                pss = kilobytes(line, "Pss:");
            }
        }
        if (rss < 0 || pss < 0) {
            throw new IllegalArgumentException("no Rss: and Pss: lines in smaps_rollup: " + text);
        }
        return new Footprint(rss, pss);
    }

    /** The mean and the largest of several processes' footprints, RSS and PSS apart. */
    record Spread(Footprint mean, Footprint max, int processes) {

        static Spread of(Collection<Footprint> footprints) {
            if (footprints.isEmpty()) {
                throw new IllegalArgumentException("no footprints");
            }
            int n = footprints.size();
            return new Spread(new Footprint(
                    Math.round(footprints.stream().mapToLong(Footprint::rssKib).average().orElseThrow()),
                    Math.round(footprints.stream().mapToLong(Footprint::pssKib).average().orElseThrow())),
                    new Footprint(footprints.stream().mapToLong(Footprint::rssKib).max().orElseThrow(),
                            footprints.stream().mapToLong(Footprint::pssKib).max().orElseThrow()), n);
        }
    }

    private static long kilobytes(String line, String field) {
        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
    }

    static String megabytes(long kibibytes) {
        return String.format(Locale.ROOT, "%.1f MB", kibibytes / 1024.0);
    }
}
