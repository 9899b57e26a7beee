package dev.evbus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.jq.JqJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keys test --expect}: the output lines compared with the expected ones, each as a JSON
 * value (so field order and spacing do not count, as with {@code jq -S}), and the difference shown
 * as a unified diff does: {@code -} expected only, {@code +} actual only, a space for both.
 */
final class ExpectedOutput {
    /** Above this many line pairs the diff is made line by line instead: its table would be too big. */
    private static final long MAX_TABLE = 4_000_000;
    private static final JqJson JSON = new JqJson();

    private ExpectedOutput() {
    }

    /** The diff lines, empty when {@code actual} is what was expected. */
    static List<String> diff(List<String> expected, List<String> actual) {
        List<JsonNode> want = parsed(expected);
        List<JsonNode> got = parsed(actual);
        int n = want.size();
        int m = got.size();
        List<String> out = new ArrayList<>();
        if ((long) n * m > MAX_TABLE) {
            for (int i = 0; i < Math.max(n, m); i++) {
                if (i < n && i < m && same(want.get(i), got.get(i))) {
                    out.add("  " + actual.get(i));
                    continue;
                }
                if (i < n) {
                    out.add("- " + expected.get(i));
                }
                if (i < m) {
                    out.add("+ " + actual.get(i));
                }
            }
        } else {
            // Longest common subsequence, from the end, then walked from the start.
            int[][] common = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    common[i][j] = same(want.get(i), got.get(j)) ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && same(want.get(i), got.get(j))) {
                    out.add("  " + actual.get(j++));
                    i++;
                } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                    out.add("- " + expected.get(i++));
                } else {
                    out.add("+ " + actual.get(j++));
                }
            }
        }
        return out.stream().anyMatch(line -> !line.startsWith(" ")) ? out : List.of();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a != null && a.equals(b);
    }

    /** Each line as JSON; a line that is not JSON is null, equal to nothing, so it always shows. */
    private static List<JsonNode> parsed(List<String> lines) {
        List<JsonNode> values = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                values.add(JSON.read(line.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException notJson) {
                values.add(null);
            }
        }
        return values;
    }
}
