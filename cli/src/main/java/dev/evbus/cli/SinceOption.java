package dev.evbus.cli;

import dev.evbus.event.DurationText;
import dev.evbus.protocol.JsonText;

/**
 * {@code consume --since}: {@code all} (everything retained), {@code offset:N} (from offset N on,
 * inclusive, like a NATS start sequence) or a duration ({@code 10m}: what was appended in the
 * last ten minutes). Turned into the form the hello carries.
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
        if (text.startsWith("offset:")) {
            String digits = text.substring("offset:".length());
            if (!digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "offset:" + Long.parseLong(digits);
            }
        } else {
            try {
                return "time:" + (nowMillis - DurationText.parse(text).toMillis());
            } catch (IllegalArgumentException notADuration) {
                // reported below
            }
        }
        throw UserError.badInput("--since takes a duration (30s, 10m, 1h), all, or offset:N, not " + JsonText.quote(text));
    }
}
