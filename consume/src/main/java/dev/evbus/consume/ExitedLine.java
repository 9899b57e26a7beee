package dev.evbus.consume;

import java.time.Duration;
import java.util.Locale;
import dev.evbus.pipeline.Counters;

/**
 * The last line a consume writes to stderr unless {@code --quiet}. The README documents its text and
 * callers parse it, so it stays byte for byte as it is.
 */
final class ExitedLine {
    private ExitedLine() {
    }

    static String of(long delivered, Duration elapsed, StopReason reason) {
        return of(delivered, elapsed, reason, null);
    }

    /**
     * With a pipeline's counts appended ({@code ; pipeline: filtered 3, failed 0}, plus
     * {@code , dead-lettered N} when any were), after the part scripts already parse.
     */
    static String of(long delivered, Duration elapsed, StopReason reason, Counters pipeline) {
        String line = "[event] exited — received " + delivered + " event(s) in " + formatDuration(elapsed)
                + " (reason: " + reason.label() + ")";
        if (pipeline == null) {
            return line;
        }
        return line + "; pipeline: filtered " + pipeline.filtered() + ", failed " + pipeline.failed()
                + (pipeline.deadLettered() > 0 ? ", dead-lettered " + pipeline.deadLettered() : "");
    }

    /** Written like a Go duration (0.5s, 2m5s, 1h0m1s); {@link Locale#ROOT} keeps the decimal point a dot. */
    static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds / 3600 > 0
                ? String.format(Locale.ROOT, "%dh%dm%ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%dm%ds", seconds / 60, seconds % 60);
    }
}
