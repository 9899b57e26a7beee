package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * What a YAML scalar is in a key file's tree, by the rules jackson-dataformat-yaml 2.21 gave key
 * files (its {@code YAMLParser._decodeScalar}), so that a file means what it meant before: YAML
 * 1.1's implicit types as SnakeYAML resolves them, where {@code y}, {@code no}, {@code on} and
 * {@code off} are booleans and {@code 0x1F}, {@code 017} and {@code 0b101} are numbers; explicit
 * tags {@code !!int}, {@code !!float}, {@code !!bool}, {@code !!null} and {@code !!binary}; any
 * other tag a string. A number is decoded only when the tree asks for it ({@link #node}), as
 * before: a scan that skips a value never fails on it.
 *
 * @param token   the token the old parser gave; null for a sign alone tagged {@code !!int}, for
 *                which it gave none
 * @param text    the scalar as written
 * @param cleaned a number as the JDK parses it (without underscores, and then without a {@code +});
 *                null for other tokens
 * @param decoded the value, when the token's decoding is done eagerly (based integers, binary)
 */
record YamlScalar(JsonToken token, String text, String cleaned, JsonNode decoded) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String YAML_TAGS = "tag:yaml.org,2002:";
    /** SnakeYAML's YAML 1.1 implicit types; read-only once built, so shared. */
    private static final Resolver RESOLVER = new Resolver();

    /** A scalar the old parser refused: its message, to report at the scalar. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The scalar's token and, where decoding is eager, its value. */
    static YamlScalar of(ScalarEvent scalar) throws Refused, StreamConstraintsException {
        String value = scalar.getValue();
        if (value.isEmpty()) {
            // text, whatever its tag: the old factory (YAMLFactory.builder()) left every YAML parser
            // feature off, EMPTY_STRING_AS_NULL included, so "key:" gave "" rather than null
            return string(value);
        }
        String tag = scalar.getTag();
        if (tag == null || tag.equals("!")) {
            Tag implicit = RESOLVER.resolve(NodeId.scalar, value, scalar.getImplicit().canOmitTagInPlainScalar());
            if (implicit.equals(Tag.INT)) {
                return YamlNumbers.integerToken(value);
            }
            if (implicit.equals(Tag.FLOAT)) {
                return YamlNumbers.floatToken(value);
            }
            if (implicit.equals(Tag.BOOL)) {
                return bool(value);
            }
            return implicit.equals(Tag.NULL) ? new YamlScalar(JsonToken.VALUE_NULL, value, null, null) : string(value);
        }
        if (tag.startsWith(YAML_TAGS)) {
            tag = tag.substring(YAML_TAGS.length());
            if (tag.contains(",")) {
                String[] parts = tag.split(",");
                tag = parts.length == 0 ? "" : parts[0];
            }
        }
        switch (tag) {
            case "binary" -> {
                try {
                    Base64Variants.MIME.decode(value.trim());
                } catch (IllegalArgumentException bad) {
                    throw new Refused(bad.getMessage());
                }
                // the old tree kept a binary's text as written, not its bytes
                return new YamlScalar(JsonToken.VALUE_EMBEDDED_OBJECT, value, null, NODES.textNode(value));
            }
            case "bool" -> {
                return bool(value);
            }
            case "int" -> {
                return YamlNumbers.integerToken(value);
            }
            case "float" -> {
                return YamlNumbers.floatToken(value);
            }
            case "null" -> {
                return new YamlScalar(JsonToken.VALUE_NULL, value, null, null);
            }
            default -> {
                return string(value);
            }
        }
    }

    /** An alias stands for its anchor's name, as text (the old parser did not resolve aliases). */
    static YamlScalar alias(String anchor) {
        return string(anchor);
    }

    static YamlScalar string(String value) {
        return new YamlScalar(JsonToken.VALUE_STRING, value, null, null);
    }

    /** YAML 1.1's words for true and false, any case; another word tagged {@code !!bool} stays text. */
    private static YamlScalar bool(String value) {
        Boolean truth = switch (value.length()) {
            case 1 -> switch (value.charAt(0)) {
                case 'y', 'Y' -> Boolean.TRUE;
                case 'n', 'N' -> Boolean.FALSE;
                default -> null;
            };
            case 2 -> value.equalsIgnoreCase("no") ? Boolean.FALSE : value.equalsIgnoreCase("on") ? Boolean.TRUE : null;
            case 3 -> value.equalsIgnoreCase("yes") ? Boolean.TRUE : value.equalsIgnoreCase("off") ? Boolean.FALSE : null;
            case 4 -> value.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            case 5 -> value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default -> null;
        };
        if (truth == null) {
            return string(value);
        }
        return new YamlScalar(truth ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE, value, null, null);
    }

    /** The scalar's node in the tree: a number is decoded here unless it was already. */
    JsonNode node() throws Refused, StreamConstraintsException {
        if (decoded != null) {
            return decoded;
        }
        return switch (token) {
            case VALUE_NUMBER_INT -> YamlNumbers.decimal(text, cleaned, text.charAt(0) == '-');
            case VALUE_NUMBER_FLOAT -> YamlNumbers.floating(text, cleaned);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(text);
        };
    }
}
