package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.VersionRange;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.internal.javacc.ExpressionParser;

/**
 * The builtins jackson-jq writes in jq, read from its own {@code jq.json} by its loader's rules:
 * lines starting with {@code #} skipped, entries outside jq 1.6's versions left out. Each is
 * compiled only when a program needs it ({@link Definition#compile}).
 */
final class JqDefinitions {
    private JqDefinitions() {
    }

    /** One builtin written in jq: {@code def name(params): body;}. */
    record Definition(String name, List<String> params, String body) {
        Expression compile() {
            try {
                return ExpressionParser.compile(body, JqBuiltins.VERSION);
            } catch (JsonQueryException e) {
                throw new IllegalStateException("jackson-jq's definition of " + name + " does not compile", e);
            }
        }
    }

    /** The definition jq 1.6 has under {@code name/arity}, or null; the file is read on first use. */
    static Definition get(String nameArity) {
        return ByName.MAP.get(nameArity);
    }

    /** Every {@code name/arity} defined. */
    static Set<String> names() {
        return ByName.MAP.keySet();
    }

    private static final class ByName {
        static final Map<String, Definition> MAP = read();

        private ByName() {
        }

        private static Map<String, Definition> read() {
            try (InputStream in = Scope.class.getResourceAsStream("jq.json")) {
                if (in == null) {
                    throw new IllegalStateException("jackson-jq's jq.json is not on the class path");
                }
                StringBuilder json = new StringBuilder();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                    if (!line.startsWith("#")) {
                        json.append(line).append('\n');
                    }
                }
                return parse(json.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read jackson-jq's jq.json", e);
            }
        }

        /** {@code {"functions": [{"name", "args", "body", "version"}, ...]}}, the layout jackson-jq reads. */
        private static Map<String, Definition> parse(String json) throws IOException {
            Map<String, Definition> byName = new HashMap<>();
            try (JsonParser parser = new JsonFactory().createParser(json)) {
                expect(parser.nextToken(), JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    if (!parser.currentName().equals("functions")) {
                        parser.nextToken();
                        parser.skipChildren();
                        continue;
                    }
                    expect(parser.nextToken(), JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Definition definition = definition(parser);
                        if (definition != null) {
                            byName.put(definition.name() + "/" + definition.params().size(), definition);
                        }
                    }
                }
            }
            return Map.copyOf(byName);
        }

        /** The entry the parser is at, or null when jq 1.6 does not have it. */
        private static Definition definition(JsonParser parser) throws IOException {
            String name = null;
            String body = null;
            List<String> params = new ArrayList<>();
            boolean inVersion = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "name" -> name = parser.getValueAsString();
                    case "body" -> body = parser.getValueAsString();
                    case "version" -> inVersion = VersionRange.valueOf(parser.getValueAsString()).contains(JqBuiltins.VERSION);
                    case "args" -> {
                        while (parser.nextToken() == JsonToken.VALUE_STRING) {
                            params.add(parser.getValueAsString());
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (name == null || body == null) {
                throw new IOException("an entry of jq.json has no name or no body");
            }
            return inVersion ? new Definition(name, List.copyOf(params), body) : null;
        }

        private static void expect(JsonToken actual, JsonToken expected) throws IOException {
            if (actual != expected) {
                throw new IOException("jq.json: expected " + expected + ", found " + actual);
            }
        }
    }

}
