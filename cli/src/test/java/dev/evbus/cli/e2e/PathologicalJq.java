package dev.evbus.cli.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * jq programs that never end on their own, or end only after taking the machine: endless and
 * huge generators in every wrapper that collects or drains them, endless recursion, values grown
 * by repetition and doubling, paths padded with a billion nulls, and backtracking regular
 * expressions on a long run of {@code a}s. Seeded: the same seed gives the same programs.
 */
final class PathologicalJq {
    /** The field every pathological event carries for the regular expressions: 66 a's and a b. */
    static final String SUBJECT = "a".repeat(66) + "b";

    private static final List<String> GENERATORS = List.of("range(1e12)", "range(0; 1e15; 0.5)", "recurse(. + 1)",
            "limit(1e12; range(1e12))", "(. as $x | [range(40) | [1, 2]] | combinations)", "until(false; . + 1)",
            "while(true; . + 1)", "(range(1e6) | range(1e6))");
    private static final List<String> WRAPPERS = List.of("[%s]", "last(%s)", "reduce %s as $i (0; . + 1)",
            "first(%s | select(. == \"never\"))", "[%s] | length", "try ([%s]) catch 0", "(last(%s))?", "[%s | tostring]");
    private static final List<String> OTHERS = List.of("def f: f; f", "def f: [f]; f", "def f: 1 + f; f", "0 | def f: ., (. + 1 | f); [f]",
            "def f(g): f(g | g); f(.)", "\"x\" * 1e10", "reduce range(80) as $i ([1]; . + .)",
            "reduce range(80) as $i (\"ab\"; . + .)", "[.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.]"
                    + " | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.] | [.,.]",
            ".a[1e9] = 1", ".a | setpath([2000000000]; 1)", "reduce range(1e6) as $i (null; [.])",
            ".s | test(\"^(a+)+$\")", ".s | test(\"(a|aa)+$\")", ".s | test(\"^(a*)*$\")", ".s | [match(\"^(a+)+$\"; \"g\")]",
            ".s | gsub(\"^(a|a)*$\"; \"\")", ".s | [splits(\"^(a+)+$\")]", ".s | capture(\"(?<x>(a|a)+)$\")",
            ".s | sub(\"^(a|aa)+$\"; \"x\")");

    private PathologicalJq() {
    }

    /** {@code count} programs: every fixed one, then seeded combinations of a generator and a wrapper. */
    static List<String> programs(long seed, int count) {
        Random random = new Random(seed);
        List<String> programs = new ArrayList<>(OTHERS);
        while (programs.size() < count) {
            String wrapper = WRAPPERS.get(random.nextInt(WRAPPERS.size()));
            programs.add("0 | " + wrapper.formatted(GENERATORS.get(random.nextInt(GENERATORS.size()))));
        }
        return programs.subList(0, count);
    }
}
