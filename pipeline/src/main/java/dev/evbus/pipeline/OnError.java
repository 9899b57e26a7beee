package dev.evbus.pipeline;

import java.util.Locale;
import java.util.Optional;

/** What happens to an item after a stage's last failed attempt; every choice prints a warning. */
public enum OnError {
    /** Drop the item (counted as failed). */
    SKIP,
    /** Hand the item on unchanged, as if the stage had not been there. */
    PASS,
    /** Write it to the key's dead-letter directory (counted as failed and dead-lettered). */
    DEAD_LETTER;

    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<OnError> parse(String text) {
        for (OnError choice : values()) {
            if (choice.optionValue().equals(text)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
