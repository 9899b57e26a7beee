package dev.evbus.sources.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must give exactly what the tree path gives, or step aside: every case here is
 * checked against {@link JsonBodies#parse} then {@link JsonBodies#compact} and {@link EventCheck}.
 */
class CompactEventTest {
    private static final String HEAD = "{\"id\":\"e-1\",\"type\":\"order.placed\",\"source\":\"shop\",\"timestamp\":1700000000123,";

    @ParameterizedTest
    @ValueSource(strings = {
            HEAD + "\"data\":{\"value\":42}}",
            HEAD + "\"data\":{\"value\":1.50,\"tags\":[\"a\",\"b\"],\"deep\":[[{\"x\":null}],true,false]}}",
            HEAD + "\"data\":-17}",
            HEAD + "\"data\":\"quote \\\" backslash \\\\ tab \\t newline \\n cr \\r bs \\b ff \\f\"}",
            HEAD + "\"data\":[0.5,-0.25,100.0,123456789012345678901234567890,1.0E+10,0.000001]}",
            HEAD + "\"extra\":{\"nested\":{\"id\":7}},\"data\":{}}",
            "{\"data\":1,\"timestamp\":0,\"source\":\"\",\"type\":\"a-b_c.D9\",\"id\":\"x\"}",
            "  " + HEAD + "\"data\":1}\n",
    })
    void aCompactValidEventTakesTheFastPathWithTheTreePathsPayload(String body) throws Exception {
        CompactEvent.Fields fast = read(body);

        assertNotNull(fast, body);
        assertSameAsTreePath(body, fast);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\": \"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":[1,\n2]}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":\"caf\u00e9\"}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":\"a\\/b\"}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":\"\\u0041\"}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1e5}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":0.0000001}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":-0}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":-0.0}",
            "{\"id\":\"e-1\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":-0,\"data\":1}",
            "{\"id\":\"a\",\"id\":\"b\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}{}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":tru}",
            "{\"id\":\"\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "{\"id\":7,\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"order.*\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":null,\"timestamp\":1,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1.5,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":-1,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":99999999999999999999,\"data\":1}",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1}",
            "[{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}]",
            "{}",
            "",
    })
    void anythingNotPlainlyCompactAndValidIsLeftToTheTreePath(String body) {
        assertNull(read(body), body);
    }

    @Test
    void theBodyItselfIsThePayloadWhenTheObjectFillsIt() {
        byte[] body = (HEAD + "\"data\":1}").getBytes(StandardCharsets.UTF_8);

        assertSame(body, CompactEvent.read(body, body.length).payload());
    }

    @Test
    void onlyTheFirstLengthBytesOfABufferAreTheBody() throws Exception {
        String event = HEAD + "\"data\":1}";
        byte[] buffer = new byte[64 * 1024];
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        buffer[bytes.length] = '}';

        CompactEvent.Fields fast = CompactEvent.read(buffer, bytes.length);

        assertSameAsTreePath(event, fast);
    }

    /** Random events, compact or not: whatever the fast path takes, it takes as the tree path would. */
    @Test
    void randomEventsTakenByTheFastPathMatchTheTreePath() throws Exception {
        Random random = new Random(8);
        int taken = 0;
        for (int i = 0; i < 5_000; i++) {
            String body = randomEvent(random);
            CompactEvent.Fields fast = read(body);
            if (fast != null) {
                taken++;
                assertSameAsTreePath(body, fast);
            }
        }
        assertEquals(true, taken > 1_000, "the fast path took " + taken + " of 5,000");
    }

    @Test
    void aBatchOfCompactEventsTakesTheFastPathItemByItemAsTheTreePath() throws Exception {
        String one = HEAD + "\"data\":{\"value\":1.25}}";
        String two = "{\"id\":\"e-2\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":5,\"data\":[1,\"x\"]}";
        String body = "[ " + one + " ,\n" + two + " ]\n";

        List<CompactEvent.Fields> fast = readBatch(body);

        assertNotNull(fast);
        assertEquals(2, fast.size());
        assertSameAsTreePath(one, fast.get(0));
        assertSameAsTreePath(two, fast.get(1));
        assertEquals(List.of(), readBatch("[]"));
        assertSameAsTreePath(one, readBatch("\uFEFF[" + one + "]").get(0)); // offsets count the byte-order mark
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1},1]",
            "[{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\": 1}]",
            "[{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}]{}",
            "[{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "[{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1}]",
            "{\"id\":\"a\",\"type\":\"t\",\"source\":\"s\",\"timestamp\":1,\"data\":1}",
            "",
    })
    void aBatchWithAnyItemNotPlainlyCompactAndValidIsLeftToTheTreePath(String body) {
        assertNull(readBatch(body), body);
    }

    private static List<CompactEvent.Fields> readBatch(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return CompactEvent.readBatch(bytes, bytes.length);
    }

    private static CompactEvent.Fields read(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return CompactEvent.read(bytes, bytes.length);
    }

    private static void assertSameAsTreePath(String body, CompactEvent.Fields fast) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = JsonBodies.parse(bytes, bytes.length);
        assertNull(EventCheck.problem(tree), body);
        byte[] treePayload = JsonBodies.asWritten(bytes, bytes.length, false).getFirst();
        assertEquals(new String(treePayload, StandardCharsets.UTF_8), new String(fast.payload(), StandardCharsets.UTF_8), body);
        assertEquals(tree.get("type").asText(), fast.type());
        assertEquals(tree.get("id").asText(), fast.id());
        assertEquals(Long.toString(tree.get("timestamp").asLong()), fast.timestamp());
        assertArrayEquals(treePayload, fast.payload());
    }

    private static String randomEvent(Random random) {
        List<String> fields = new ArrayList<>(List.of(
                "\"id\":" + (random.nextInt(20) == 0 ? "1" : "\"r-" + random.nextInt(1000) + "\""),
                "\"type\":\"" + (random.nextInt(20) == 0 ? "a b" : "t.x") + "\"",
                "\"source\":\"s" + random.nextInt(9) + "\"",
                "\"timestamp\":" + (random.nextInt(20) == 0 ? "-5" : Long.toString(random.nextLong(0, Long.MAX_VALUE))),
                "\"data\":" + randomValue(random, 0)));
        java.util.Collections.shuffle(fields, random);
        String space = random.nextInt(10) == 0 ? " " : "";
        return "{" + String.join("," + space, fields) + "}";
    }

    private static String randomValue(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> randomNumber(random);
            case 1 -> random.nextBoolean() ? "true" : "null";
            case 2 -> "\"" + randomText(random) + "\"";
            case 3 -> "false";
            case 4, 5 -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.append("\"k").append(i).append("\":").append(randomValue(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
            default -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomValue(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
        };
    }

    private static String randomNumber(Random random) {
        String[] numbers = {"0", "-0", "7", "-12", "3.25", "1.10", "0.0", "-0.0", "1e3", "2E-3", "1.5e+2", "0.00001",
                "0.0000001", "123456789012345678901234567890", "-9223372036854775809", "100.000", "1E+10", "5.0E-7"};
        return numbers[random.nextInt(numbers.length)];
    }

    private static String randomText(Random random) {
        String[] texts = {"plain", "", "a\\\"q", "back\\\\slash", "tab\\t", "uni\\u00e9", "slash\\/", "caf\u00e9", "nl\\n"};
        return texts[random.nextInt(texts.length)];
    }
}
