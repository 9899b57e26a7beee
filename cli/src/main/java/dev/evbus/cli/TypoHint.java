package dev.evbus.cli;

import dev.evbus.event.DidYouMean;
import java.util.Collection;

/**
 * The "did you mean" of an unknown command or key, in one wording. Free of picocli, so that a
 * fast-path {@code consume} of an unknown key loads none of it.
 */
final class TypoHint {
    private TypoHint() {
    }

    /** "did you mean NAME? " for the name in {@code known} closest to {@code typed}, when it looks like a typo; else "". */
    static String of(String typed, Collection<String> known) {
        return DidYouMean.closest(typed, known).map(name -> "did you mean " + name + "? ").orElse("");
    }
}
