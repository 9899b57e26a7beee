package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * How YAML key files were parsed before {@link YamlTokens}: jackson-dataformat-yaml's parser and
 * the tree builder, problem wording and key scan that read it, kept verbatim as the oracle the
 * new reader is held to ({@link YamlDifferentialTest}).
 */
final class JacksonYamlOracle {
    /** What the old reader's one crash (a sign alone tagged {@code !!int}) reads as here. */
    static final String NULL_POINTER = "the old reader's NullPointerException";

    private static final JsonFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JacksonYamlOracle() {
    }

    /** The old {@code KeyFileReader.read} up to the tree. */
    static KeyFileReader.Parse parse(byte[] bytes) {
        SourceDocument document;
        try (JsonParser parser = YAML.createParser(bytes)) {
            document = read(parser);
            if (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                return new KeyFileReader.Parse(null, new KeyFileProblem(line, "(file)",
                        "a key file holds one document; another starts here"));
            }
        } catch (StreamReadException bad) {
            return new KeyFileReader.Parse(null, syntax(bad));
        } catch (NullPointerException crash) {
            // named by a marker, not its message: once C2 has compiled the throwing code, the JVM
            // may throw a preallocated NullPointerException that has none (OmitStackTraceInFastThrow)
            return new KeyFileReader.Parse(null, new KeyFileProblem(1, "(file)", "cannot be parsed: " + NULL_POINTER));
        } catch (JsonProcessingException | RuntimeException bad) {
            return new KeyFileReader.Parse(null, new KeyFileProblem(1, "(file)", "cannot be parsed: " + firstLine(bad.getMessage())));
        } catch (IOException unreadable) {
            return new KeyFileReader.Parse(null, new KeyFileProblem(0, "(file)", "cannot be read: " + unreadable.getMessage()));
        }
        return new KeyFileReader.Parse(document, null);
    }

    /** The old {@code KeyIndex.keyOf}, which read a stream. */
    static Optional<String> keyOf(byte[] bytes) {
        try (InputStream in = new ByteArrayInputStream(bytes); JsonParser parser = YAML.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("key")) {
                    return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_EMBEDDED_OBJECT
                            ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException unreadable) {
            // names nothing
        }
        return Optional.empty();
    }

    private static KeyFileProblem syntax(StreamReadException bad) {
        JsonLocation location = bad.getLocation();
        int line = location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
        String message = firstLine(bad.getOriginalMessage());
        if (bad.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            message = yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        }
        String field = "(file)";
        if (bad.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            field = pointer.isEmpty() ? field : SourceDocument.fieldOf(pointer);
        }
        if (message.startsWith("Duplicate field")) {
            return new KeyFileProblem(line, field, "given twice (a field may appear once)");
        }
        return new KeyFileProblem(line, field, "not valid " + (bad.getProcessor() instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser
                ? "YAML" : "JSON") + ": " + message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static SourceDocument read(JsonParser parser) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        if (parser.nextToken() == null) {
            return new SourceDocument(MissingNode.getInstance(), lines);
        }
        JsonNode root = value(parser, "", lines);
        return new SourceDocument(root, Map.copyOf(lines));
    }

    private static JsonNode value(JsonParser parser, String pointer, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = pointer + "/" + SourceDocument.escape(name);
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    object.set(name, value(parser, child, lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, pointer + "/" + array.size(), lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(parser.getText());
            }
        }
    }
}
