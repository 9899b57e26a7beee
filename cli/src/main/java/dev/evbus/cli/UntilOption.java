package dev.evbus.cli;

import dev.evbus.consume.UntilBound;
import dev.evbus.protocol.JsonText;

/**
 * {@code consume --until}: the forms of {@code --since} that name a point ({@link StreamBound}):
 * an RFC 3339 time, a duration (that long before now) or {@code offset:N}, each inclusive.
 * {@code all} names no end, so it is refused.
 */
final class UntilOption {
    private UntilOption() {
    }

    /** The bound {@code text} names, or null when not given; {@link UserError} naming the accepted forms. */
    static UntilBound parse(String text, long nowMillis) {
        if (text == null) {
            return null;
        }
        // instanceof, not a type switch: a switch's first run generates a class (decision 0004)
        StreamBound bound = StreamBound.parse(text, nowMillis);
        if (bound instanceof StreamBound.Offset offset) {
            return new UntilBound.Offset(offset.offset());
        }
        if (bound instanceof StreamBound.At at) {
            return new UntilBound.Time(at.epochMillis());
        }
        throw UserError.badInput("--until takes an RFC 3339 time (2026-12-07T05:00:00Z), a duration"
                + " (10m: ten minutes ago) or offset:N, not " + JsonText.quote(text));
    }
}
