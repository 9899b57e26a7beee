package dev.evbus.consume;

import java.time.Duration;
import java.util.Locale;

/**
 * The last line a consume writes to stderr unless {@code --quiet}. The README documents its text and
 * callers parse it, so it stays byte for byte as it is.
 */
final class ExitedLine {
    private ExitedLine() {
    }

    static String of(long delivered, Duration elapsed, StopReason reason) {
        return "[event] exited — received " + delivered + " event(s) in " + formatDuration(elapsed)
                + " (reason: " + reason.label() + ")";
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
