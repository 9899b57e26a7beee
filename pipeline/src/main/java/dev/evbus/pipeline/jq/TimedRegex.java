package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.internal.misc.OnigUtils;
import net.thisptr.jackson.jq.internal.misc.Preconditions;
import net.thisptr.jackson.jq.internal.misc.UnicodeUtils;
import net.thisptr.jackson.jq.path.Path;
import org.joni.Matcher;
import org.joni.Option;
import org.joni.Region;

/**
 * jackson-jq's two regular-expression primitives, {@code _match_impl/3} and {@code _sub_impl/3},
 * which jq's {@code test}, {@code match}, {@code capture}, {@code scan}, {@code split/2},
 * {@code splits}, {@code sub} and {@code gsub} are written in, with the same results but a
 * deadline: a backtracking pattern ({@code ^(a+)+$} on many {@code a}s and a {@code b}) stops at
 * the evaluation's time limit instead of running for hours. Joni, jackson-jq's regex engine,
 * checks its own timeout while it matches; the timeout is the time the evaluation has left.
 */
final class TimedRegex {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TimedRegex() {
    }

    /** This class's replacement for the builtin jq looks up as {@code nameArity}, or null if it has none. */
    static Function replacing(String nameArity) {
        return switch (nameArity) {
            case "_match_impl/3" -> TimedRegex::match;
            case "_sub_impl/3" -> TimedRegex::sub;
            default -> null;
        };
    }

    /** Replaces the two primitives in a root scope that holds all of jq's builtins. */
    static void install(Scope root) {
        for (String name : List.of("_match_impl/3", "_sub_impl/3")) {
            root.addFunction(name, replacing(name));
        }
    }

    private static void match(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output, Version version)
            throws JsonQueryException {
        Preconditions.checkInputType("_match_impl/3", in, JsonNodeType.STRING);
        byte[] bytes = in.asText().getBytes(StandardCharsets.UTF_8);
        int[] chars = UnicodeUtils.UTF8CharIndex(bytes);
        args.get(2).apply(scope, in, test -> {
            Preconditions.checkArgumentType("_match_impl/3", 3, test, JsonNodeType.BOOLEAN);
            args.get(1).apply(scope, in, flags -> {
                Preconditions.checkArgumentType("_match_impl/3", 2, flags, JsonNodeType.STRING, JsonNodeType.NULL);
                args.get(0).apply(scope, in, regex -> {
                    Preconditions.checkArgumentType("_match_impl/3", 1, regex, JsonNodeType.STRING);
                    OnigUtils.Pattern pattern = new OnigUtils.Pattern(regex.asText(), flags.isNull() ? null : flags.asText());
                    output.emit(test.asBoolean() ? test(pattern, bytes) : matches(pattern, bytes, chars), null);
                });
            });
        });
    }

    private static JsonNode test(OnigUtils.Pattern pattern, byte[] bytes) {
        return BooleanNode.valueOf(search(matcher(pattern, bytes), 0, bytes.length) >= 0);
    }

    private static ArrayNode matches(OnigUtils.Pattern pattern, byte[] bytes, int[] chars) {
        Matcher m = matcher(pattern, bytes);
        ArrayNode matches = NODES.arrayNode();
        int offset = 0;
        do {
            if (search(m, offset, bytes.length) < 0) {
                break;
            }
            ObjectNode match = matches.addObject();
            match.put("offset", chars[m.getBegin()]);
            match.put("length", chars[m.getEnd()] - chars[m.getBegin()]);
            match.put("string", new String(bytes, m.getBegin(), m.getEnd() - m.getBegin(), StandardCharsets.UTF_8));
            ArrayNode captures = match.putArray("captures");
            Region regions = m.getRegion();
            // no regions without capture groups; a zero-width match reports none, as jackson-jq's own
            if (regions != null && m.getEnd() != m.getBegin()) {
                for (int i = 1; i < regions.getNumRegs(); ++i) {
                    ObjectNode capture = captures.addObject();
                    if (regions.getBeg(i) >= 0) {
                        capture.put("offset", chars[regions.getBeg(i)]);
                        capture.put("length", chars[regions.getEnd(i)] - chars[regions.getBeg(i)]);
                        capture.put("string", new String(bytes, regions.getBeg(i), regions.getEnd(i) - regions.getBeg(i),
                                StandardCharsets.UTF_8));
                    } else {
                        capture.put("offset", -1);
                        capture.put("length", 0);
                        capture.putNull("string");
                    }
                    capture.put("name", pattern.names[i]);
                }
            }
            offset = m.getEnd() == offset ? offset + 1 : m.getEnd();
        } while (pattern.global && offset != bytes.length);
        return matches;
    }

    private static void sub(Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output, Version version)
            throws JsonQueryException {
        Preconditions.checkInputType("_sub_impl/3", in, JsonNodeType.STRING);
        args.get(0).apply(scope, in, regex -> {
            Preconditions.checkArgumentType("_sub_impl/3", 1, regex, JsonNodeType.STRING);
            args.get(2).apply(scope, in, flags -> {
                Preconditions.checkArgumentType("_sub_impl/3", 3, flags, JsonNodeType.STRING);
                List<JsonNode> pieces = pieces(new OnigUtils.Pattern(regex.asText(), flags.asText()), in.asText());
                // emitted once per output of the flags, as jq (and jackson-jq) do
                args.get(2).apply(scope, in, again -> concat(scope, new ArrayList<>(), output, pieces, pieces.size(), args.get(1)));
            });
        });
    }

    /** Each output of the replacement for each match, joined with the text between the matches. */
    private static void concat(Scope scope, List<String> done, PathOutput output, List<JsonNode> pieces, int left,
            Expression replacement) throws JsonQueryException {
        if (left == 0) {
            StringBuilder text = new StringBuilder();
            for (int i = done.size() - 1; i >= 0; --i) {
                text.append(done.get(i));
            }
            output.emit(TextNode.valueOf(text.toString()), null);
            return;
        }
        JsonNode piece = pieces.get(left - 1);
        if (piece.isTextual()) {
            done.add(piece.textValue());
            concat(scope, done, output, pieces, left - 1, replacement);
            done.remove(done.size() - 1);
            return;
        }
        replacement.apply(scope, piece, value -> {
            done.add(value.asText());
            concat(scope, done, output, pieces, left - 1, replacement);
            done.remove(done.size() - 1);
        });
    }

    /** The text before each match, the match's named captures as an object, and the text after the last. */
    private static List<JsonNode> pieces(OnigUtils.Pattern pattern, String text) {
        List<JsonNode> pieces = new ArrayList<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Matcher m = matcher(pattern, bytes);
        int offset = 0;
        do {
            if (search(m, offset, bytes.length) < 0) {
                break;
            }
            pieces.add(TextNode.valueOf(new String(bytes, offset, m.getBegin() - offset, StandardCharsets.UTF_8)));
            ObjectNode captures = NODES.objectNode();
            Region regions = m.getRegion();
            if (regions != null) {
                for (int i = 1; i < regions.getNumRegs(); ++i) {
                    String name = pattern.names[i];
                    if (name != null) {
                        captures.set(name, regions.getBeg(i) < 0 ? NODES.nullNode() : TextNode.valueOf(
                                new String(bytes, regions.getBeg(i), regions.getEnd(i) - regions.getBeg(i), StandardCharsets.UTF_8)));
                    }
                }
            }
            pieces.add(captures);
            offset = m.getEnd();
        } while (pattern.global && offset != bytes.length);
        pieces.add(TextNode.valueOf(new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8)));
        return pieces;
    }

    private static Matcher matcher(OnigUtils.Pattern pattern, byte[] bytes) {
        Budget budget = Budget.current();
        long timeout = budget != null ? budget.remainingNanos() : JqLimits.DEFAULTS.stageTime().toNanos();
        return pattern.regex.matcher(bytes, 0, bytes.length, timeout);
    }

    private static int search(Matcher m, int from, int to) {
        try {
            return m.searchInterruptible(from, to, Option.NONE);
        } catch (InterruptedException stopped) {
            Budget budget = Budget.current();
            throw budget != null ? budget.timeUp() : new LimitExceeded("a regular expression ran longer than "
                    + JqLimits.DEFAULTS.stageTime().toSeconds() + "s");
        }
    }
}
