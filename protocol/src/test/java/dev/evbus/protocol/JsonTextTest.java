package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quoteEscapesNewlinesAndQuotes() {
        assertEquals("\"line one\\nsaid \\\"hi\\\"\"", JsonText.quote("line one\nsaid \"hi\""));
    }

    @Test
    void quotedTextCannotSpanLines() {
        String quoted = JsonText.quote("forged\r\nINFO all is well");
        assertFalse(quoted.contains("\n") || quoted.contains("\r"), quoted);
    }

    @Test
    void quotedTextParsesBackToTheOriginal() throws Exception {
        String original = "tab\there, backslash \\, bell \u0007, ü";
        assertEquals(original, new ObjectMapper().readValue(JsonText.quote(original), String.class));
    }

    @Test
    void nullQuotesAsJsonNull() {
        assertEquals("null", JsonText.quote(null));
    }

    @Test
    void writeGivesWhatObjectMapperGivesForEveryKindOfNode() throws Exception {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode tree = nodes.objectNode();
        tree.put("int", 7).put("long", 1L << 40).put("big", new BigInteger("123456789012345678901234567890"))
                .put("double", 1.5).put("huge", 1e20).put("tiny", 1e-7).put("float", 0.1f)
                .put("decimal", new BigDecimal("1.50")).put("short", (short) 3).put("text", "caf\u00e9 \"q\" \n")
                .put("yes", true).putNull("none").put("bytes", new byte[] {1, 2, 3});
        tree.putArray("list").add(1).add("two").addObject().putArray("empty");
        assertEquals(new ObjectMapper().writeValueAsString(tree), JsonText.write(tree));
    }

    @Test
    void writeAgreesWithObjectMapperOnRandomTrees() throws Exception {
        Random random = new Random(42);
        ObjectMapper mapper = new ObjectMapper();
        for (int k = 0; k < 2_000; k++) {
            JsonNode tree = randomTree(random, 0);
            assertEquals(mapper.writeValueAsString(tree), JsonText.write(tree));
        }
    }

    /** Trees without fractions or binary, the kind written without Jackson's generator, as --json output mostly is. */
    @Test
    void writeAgreesWithObjectMapperOnRandomTreesOfWholeNumbersAndText() throws Exception {
        Random random = new Random(7);
        ObjectMapper mapper = new ObjectMapper();
        for (int k = 0; k < 2_000; k++) {
            JsonNode tree = randomTree(random, 0, false);
            assertEquals(mapper.writeValueAsString(tree), JsonText.write(tree));
        }
    }

    @Test
    void writeKeepsCharactersOutsideTheBmpAsTheyAre() throws Exception {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("emoji \ud83d\ude00", "\ud83d\ude00 and \u2028");
        assertEquals(new ObjectMapper().writeValueAsString(tree), JsonText.write(tree));
    }

    @Test
    void writeEscapesALoneSurrogateSoTheTextSurvivesEncoding() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("detail", "half \ud800 of a pair");
        assertEquals("{\"detail\":\"half \\uD800 of a pair\"}", JsonText.write(tree));
    }

    private static JsonNode randomTree(Random random, int depth) {
        return randomTree(random, depth, true);
    }

    private static JsonNode randomTree(Random random, int depth, boolean fractions) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        if (!fractions && (kind == 1 || kind == 2)) {
            kind = 0;
        }
        return switch (kind) {
            case 0 -> nodes.numberNode(random.nextLong());
            case 1 -> nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 2 -> nodes.numberNode(new BigDecimal(random.nextLong()).scaleByPowerOfTen(random.nextInt(20) - 10));
            case 3 -> nodes.textNode(randomText(random));
            case 4 -> nodes.booleanNode(random.nextBoolean());
            case 5 -> nodes.nullNode();
            case 6 -> nodes.numberNode(random.nextInt());
            case 7 -> {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomTree(random, depth + 1, fractions));
                }
                yield array;
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomText(random), randomTree(random, depth + 1, fractions));
                }
                yield object;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0xD7FF)));
        }
        return text.toString();
    }
}
