package dev.evbus.cli.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The consumer's stable gap warning, parsed: each one must be well-formed and add up. */
final class GapWarnings {
    static final String PREFIX = "[event] warning: missed ";
    static final Pattern SEQ_GAP = Pattern.compile(
            "\\[event] warning: missed (\\d+) event\\(s\\) \\(seq (\\d+) to (\\d+)\\): the bus dropped them because this consumer fell behind");

    /** One warning: {@code missed} events, seq {@code from} to {@code to}. */
    record Gap(long missed, long from, long to) {
    }

    private GapWarnings() {
    }

    /** Every gap warning on stderr; fails on a missed-events line of another form or whose numbers do not add up. */
    static List<Gap> in(List<String> stderr) {
        List<Gap> gaps = new ArrayList<>();
        for (String line : stderr) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            Matcher gap = SEQ_GAP.matcher(line);
            if (!gap.matches()) {
                throw new AssertionError("a missed-events warning not in the stable form: " + line);
            }
            Gap parsed = new Gap(Long.parseLong(gap.group(1)), Long.parseLong(gap.group(2)), Long.parseLong(gap.group(3)));
            if (parsed.missed() != parsed.to() - parsed.from() + 1 || parsed.missed() <= 0) {
                throw new AssertionError("the numbers of a gap warning do not add up: " + line);
            }
            gaps.add(parsed);
        }
        return gaps;
    }

    /** How many events the gap warnings on stderr count as missed. */
    static long missed(List<String> stderr) {
        return in(stderr).stream().mapToLong(Gap::missed).sum();
    }
}
