package dev.evbus.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The YAML reader ({@link YamlTokens}) gives every document exactly what the Jackson YAML parser
 * gave key files before (kept in test scope as {@link JacksonYamlOracle}): the same tree with the
 * same node types, the same line for every field, the same problem (line, field, message), and
 * the same key for the key index. Held on every YAML document of the repository, on a corpus of
 * edge cases, and on thousands of generated and mutated documents (seeded: a failure names the
 * seed that reproduces it).
 */
class YamlDifferentialTest {
    private static final Path YAML_FILE = Path.of("key.yaml");
    private static final String CRASH = JacksonYamlOracle.NULL_POINTER;

    @Test
    void everyYamlDocumentOfTheRepositoryReadsAsBefore() throws IOException {
        List<String> documents = repositoryDocuments();
        assertTrue(documents.size() > 50, "found only " + documents.size());
        assertSame(documents, "repository");
    }

    @Test
    void theEdgeCasesReadAsBefore() {
        assertSame(YamlEdgeCases.ALL, "edge case");
    }

    @Test
    void generatedDocumentsReadAsBefore() {
        List<String> documents = new ArrayList<>();
        for (long seed = 1; seed <= 2000; seed++) {
            documents.add(YamlEdgeCases.generated(new Random(seed)));
        }
        assertSame(documents, "generated (seed = index + 1)");
    }

    @Test
    void mutatedDocumentsReadAsBefore() throws IOException {
        List<String> sources = new ArrayList<>(repositoryDocuments());
        sources.addAll(YamlEdgeCases.ALL);
        List<byte[]> documents = new ArrayList<>();
        for (long seed = 1; seed <= 4000; seed++) {
            Random random = new Random(seed);
            documents.add(YamlEdgeCases.mutated(sources.get(random.nextInt(sources.size())), random));
        }
        assertSameBytes(documents, "mutated (seed = index + 1)");
    }

    private static void assertSame(List<String> documents, String what) {
        assertSameBytes(documents.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList(), what);
    }

    private static void assertSameBytes(List<byte[]> documents, String what) {
        List<String> differences = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < documents.size(); i++) {
            byte[] bytes = documents.get(i);
            String before = describe(JacksonYamlOracle.parse(bytes)) + "\nkey " + JacksonYamlOracle.keyOf(bytes);
            String now = describe(KeyFileReader.parse(YAML_FILE, bytes)) + "\nkey " + keyOf(bytes);
            if (before.contains(CRASH)) {
                // the one difference kept: on a sign alone tagged !!int the old reader failed with a
                // NullPointerException; now that is a YAML problem at the value
                before = before.replaceFirst("line=1, field=\\(file\\), message=cannot be parsed: .*" + Pattern.quote(CRASH), "");
                now = now.replaceFirst("line=\\d+, field=[^,]*, message=not valid YAML: Invalid number \\('[-+]'\\)", "");
            }
            outcomes.merge(kind(before), 1, Integer::sum);
            if (!before.equals(now) && differences.size() < 10) {
                differences.add(what + " #" + i + ": " + printable(bytes) + "\n  before: " + before + "\n  now:    " + now);
            }
        }
        assertEquals(List.of(), differences, documents.size() + " documents");
        System.out.println(what + ": " + documents.size() + " documents read alike: " + outcomes);
    }

    /** What an outcome is, for the tally a run prints: a tree, or a problem by its message's first words. */
    private static String kind(String outcome) {
        if (!outcome.startsWith("problem")) {
            return "a tree";
        }
        String message = outcome.substring(outcome.indexOf("message=") + "message=".length());
        return message.substring(0, Math.min(message.length(), 30));
    }

    private static Object keyOf(byte[] bytes) {
        try {
            Path file = Files.createTempFile("key", ".yaml");
            try {
                return KeyIndex.keyOf(Files.write(file, bytes));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The outcome with every node's type and every line: what the keys and their problems are made of. */
    static String describe(KeyFileReader.Parse parse) {
        if (parse.problem() != null) {
            return "problem " + parse.problem();
        }
        return tree(parse.document().root()) + " lines " + new TreeMap<>(parse.document().lines());
    }

    private static String tree(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.isObject()) {
            out.append('{');
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(field.getKey()).append('=').append(tree(field.getValue())).append(fields.hasNext() ? ", " : "");
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(tree(node.get(i)));
            }
            return out.append(']').toString();
        }
        return node.getClass().getSimpleName() + "(" + node + ")";
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + "\"";
    }

    /**
     * Every {@code .yaml}/{@code .yml} file, every {@code yaml} block of the docs, and every text
     * block of the tests (key files written by tests, JSON ones included, which are YAML too).
     */
    static List<String> repositoryDocuments() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> documents = new ArrayList<>();
        Pattern fenced = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);
        Pattern textBlock = Pattern.compile("\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/")).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    documents.add(Files.readString(file));
                } else if (name.endsWith(".md")) {
                    for (Matcher block = fenced.matcher(Files.readString(file)); block.find(); ) {
                        documents.add(block.group(1));
                    }
                } else if (name.endsWith(".java") && file.toString().contains("/src/test/")) {
                    for (Matcher block = textBlock.matcher(Files.readString(file)); block.find(); ) {
                        try {
                            documents.add(("        " + block.group(1)).stripIndent().translateEscapes());
                        } catch (IllegalArgumentException notText) {
                            // an escape only the compiler reads; the block is left out
                        }
                    }
                }
            }
        }
        return documents;
    }
}
