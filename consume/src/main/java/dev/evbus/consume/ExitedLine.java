package dev.evbus.consume;

import java.time.Duration;
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

    /** Written like a Go duration (0.5s, 2m5s, 1h0m1s); always with a decimal point. */
    static String formatDuration(Duration duration) {
        // Arithmetic, not String.format: a Formatter loads the regex engine and the locale data (60
        // classes) into every consumer's AOT cache, for one line at exit.
        long millis = duration.toMillis();
        if (millis < 60_000) {
            long tenths = (millis + 50) / 100; // %.1f rounds half up
            return tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = millis / 1000;
        return seconds / 3600 > 0
                ? seconds / 3600 + "h" + seconds / 60 % 60 + "m" + seconds % 60 + "s"
                : seconds / 60 + "m" + seconds % 60 + "s";
    }
}
