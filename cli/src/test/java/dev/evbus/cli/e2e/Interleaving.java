package dev.evbus.cli.e2e;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the lines a console sample shows under a command are what the command and the
 * background jobs printed meanwhile: every line of every stream, each stream in its own order,
 * interleaved in any way (a terminal shows them as they come; a test reads each stream apart).
 * A {@code …} in a shown line stands for any text: a pid, a time, a duration.
 */
final class Interleaving {
    private final List<Pattern> shown;
    private final List<List<String>> streams;
    private final Set<String> deadEnds = new HashSet<>();

    private Interleaving(List<String> shown, List<List<String>> streams) {
        this.shown = shown.stream().map(Interleaving::pattern).toList();
        this.streams = streams;
    }

    static boolean matches(List<String> shown, List<List<String>> streams) {
        int printed = streams.stream().mapToInt(List::size).sum();
        return printed == shown.size() && new Interleaving(shown, streams).from(0, new int[streams.size()]);
    }

    /** A shown line as a pattern: literal text, with {@code …} as any run of characters. */
    static Pattern pattern(String shownLine) {
        StringBuilder regex = new StringBuilder();
        String[] parts = shownLine.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*?").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private boolean from(int next, int[] read) {
        if (next == shown.size()) {
            return true;
        }
        String state = next + java.util.Arrays.toString(read);
        if (deadEnds.contains(state)) {
            return false;
        }
        for (int s = 0; s < streams.size(); s++) {
            List<String> stream = streams.get(s);
            if (read[s] < stream.size() && shown.get(next).matcher(stream.get(read[s])).matches()) {
                read[s]++;
                boolean rest = from(next + 1, read);
                read[s]--;
                if (rest) {
                    return true;
                }
            }
        }
        deadEnds.add(state);
        return false;
    }
}
