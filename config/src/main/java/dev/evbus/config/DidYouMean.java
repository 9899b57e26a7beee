package dev.evbus.config;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name a mistyped one most likely meant, as {@code git} and {@code cargo} suggest: the
 * closest by edit distance (insertions, deletions, substitutions and swaps of neighbours each
 * count one), when it is close enough to be a typo rather than another word. Config files use it
 * for unknown fields; any other "unknown name" message can too.
 */
public final class DidYouMean {
    /** Longer names are not compared: the table is length squared, and no known name is this long. */
    private static final int MAX_COMPARED = 64;

    private DidYouMean() {
    }

    /**
     * The one wording of the hint inside a command's one-line refusal: {@code "did you mean NAME? "}
     * for the closest name, else {@code ""} (config files word theirs as {@link KnownFields} does).
     */
    public static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> "did you mean " + name + "? ").orElse("");
    }

    /**
     * The name in {@code known} closest to {@code typed}, the first of equals, when at most a third
     * of {@code typed} (at least one edit) must change; else empty. Case is ignored.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        if (typed == null || typed.isEmpty() || typed.length() > MAX_COMPARED) {
            return Optional.empty();
        }
        int allowed = Math.max(1, typed.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            if (name.length() > MAX_COMPARED || Math.abs(name.length() - typed.length()) > allowed) {
                continue;
            }
            int distance = distance(typed.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
            if (distance <= allowed && distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus a swap of two neighbours as one edit ({@code paht} → {@code path}). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
