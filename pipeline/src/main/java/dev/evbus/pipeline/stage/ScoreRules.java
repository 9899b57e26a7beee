package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.pipeline.Options;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Classify's tables: exact values to scores, then keyword rules tried in order. Scores are JSON
 * numbers kept as written, so an integer score is written as {@code 9}, not {@code 9.0}.
 */
record ScoreRules(Map<String, JsonNode> values, List<Rule> rules, boolean caseSensitive) {

    /** One keyword rule; the text it is given is already lower-cased when matching ignores case. */
    sealed interface Rule {
        JsonNode score();

        boolean test(String text);
    }

    record Contains(String needle, JsonNode score) implements Rule {
        @Override
        public boolean test(String text) {
            return text.contains(needle);
        }
    }

    record Matches(Pattern pattern, JsonNode score) implements Rule {
        @Override
        public boolean test(String text) {
            return pattern.matcher(text).find();
        }
    }

    /** The score for an exact value, or null. */
    JsonNode valueScore(String value) {
        return values.get(fold(value));
    }

    /** The first rule's score that {@code text} hits, or null. */
    JsonNode ruleScore(String text) {
        String folded = fold(text);
        for (Rule rule : rules) {
            if (rule.test(folded)) {
                return rule.score();
            }
        }
        return null;
    }

    private String fold(String text) {
        return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
    }

    static ScoreRules read(Options options, boolean caseSensitive) {
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, String> writtenAs = new HashMap<>();
        options.nested("values").ifPresent(table -> {
            Iterator<String> names = options.object("values").fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String key = caseSensitive ? name : name.toLowerCase(Locale.ROOT);
                String earlier = writtenAs.putIfAbsent(key, name);
                if (earlier != null) {
                    table.problem(name, "\"" + earlier + "\" and \"" + name
                            + "\" differ only in case; set case_sensitive: true to tell them apart");
                }
                values.put(key, score(table, name, null));
            }
        });
        List<Rule> rules = new ArrayList<>();
        for (Options rule : options.objects("rules")) {
            readRule(rule, caseSensitive).ifPresent(rules::add);
            rule.finish();
        }
        return new ScoreRules(Map.copyOf(values), List.copyOf(rules), caseSensitive);
    }

    private static Optional<Rule> readRule(Options rule, boolean caseSensitive) {
        JsonNode score = score(rule, "score", null);
        Optional<String> contains = rule.optionalString("contains");
        Optional<String> matches = rule.optionalString("matches");
        if (contains.isPresent() == matches.isPresent()) {
            rule.problem("contains", "a rule has exactly one of contains: TEXT or matches: REGEX");
            return Optional.empty();
        }
        if (contains.isPresent()) {
            String needle = caseSensitive ? contains.get() : contains.get().toLowerCase(Locale.ROOT);
            return Optional.of(new Contains(needle, score));
        }
        try {
            return Optional.of(new Matches(Pattern.compile(matches.get(), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE), score));
        } catch (PatternSyntaxException bad) {
            rule.problem("matches", "is not a valid regular expression: " + bad.getDescription()
                    + " near index " + bad.getIndex());
            return Optional.empty();
        }
    }

    /**
     * A score option as a JSON number: an integer when written as one (or given by an int param),
     * else a double. {@code fallback} null makes the option required.
     */
    static JsonNode score(Options options, String option, JsonNode fallback) {
        Optional<JsonNode> raw = options.raw(option);
        if (raw.isEmpty()) {
            if (fallback == null) {
                options.problem(option, "is required (a number)");
                return JsonNodeFactory.instance.numberNode(0);
            }
            return fallback;
        }
        if (raw.get().isIntegralNumber() || raw.get().isFloatingPointNumber()) {
            return number(raw.get().asDouble(), raw.get().isIntegralNumber() ? raw.get().asLong() : null);
        }
        double value = options.number(option, 0);
        return number(value, null);
    }

    private static JsonNode number(double value, Long exact) {
        if (exact != null) {
            return JsonNodeFactory.instance.numberNode(exact.longValue());
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return JsonNodeFactory.instance.numberNode((long) value);
        }
        return DoubleNode.valueOf(value);
    }
}
