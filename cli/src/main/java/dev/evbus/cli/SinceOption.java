package dev.evbus.cli;

import dev.evbus.protocol.JsonText;

/**
 * {@code consume --since}: {@code all} (everything retained), {@code offset:N} (from offset N on,
 * inclusive, like a NATS start sequence), an RFC 3339 time (what was appended at or after it) or
 * a duration ({@code 10m}: what was appended in the last ten minutes); see {@link StreamBound}.
 * Turned into the form the hello carries.
 */
final class SinceOption {
    private SinceOption() {
    }

    /** The hello's {@code since} for {@code text}; {@link UserError} naming the accepted forms. */
    static String toWire(String text, long nowMillis) {
        if (text == null) {
            return null;
        }
        if (text.equals("all")) {
            return "all";
        }
        // instanceof, not a type switch: a switch's first run generates a class (decision 0004)
        StreamBound bound = StreamBound.parse(text, nowMillis);
        if (bound instanceof StreamBound.Offset offset) {
            return "offset:" + offset.offset();
        }
        if (bound instanceof StreamBound.At at) {
            return "time:" + at.epochMillis();
        }
        throw UserError.badInput("--since takes a duration (30s, 10m, 1h), an RFC 3339 time"
                + " (2026-12-07T05:00:00Z), all, or offset:N, not " + JsonText.quote(text));
    }
}
