package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link JqJson} reads and writes without its mapper exactly as with it: the same trees (node for
 * node, in order, numbers of the same kind with the same text and value) and the same bytes.
 */
class JqJsonMatchesItsMapperTest {
    private static final String[] PIECES = {"a", "Z", " ", "é", "中", "\\n", "\\\"", "\\\\", "\\/", "\\u0001", "\\u00e9", "\\u001F",
        "\\t", "\\b", "\\f", "\\r", "\u007f", "😀", "\\ud83d\\ude00", "\\ud800", "x y", "\u2028"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551617",
        "123456789012345678901234567890", "0.0", "-0.0", "1.5", "1.000", "0.10000000000000000001", "1e2", "1E2", "1.5e3",
        "1.5E+3", "12e-1", "0.000001", "0.0000001", "100e-2", "0e5", "0E-7", "-1.25e-3", "1e1000", "-1e1000", "1e-400", "-1e-400",
        "3.141592653589793238462643383279", "9007199254740993", "9007199254740993.0", "1e0", "0.1e1", "5e-324", "2.4703282292062328e-324",
        "1.7976931348623157e308", "1.7976931348623159e308", "123.456e-10", "000e0".substring(2)};

    private final JqJson json = new JqJson();
    private final Random random = new Random(20261208);

    @Test
    void everyDocumentReadsToTheTreeTheMapperReads() throws Exception {
        for (int n = 0; n < 3000; n++) {
            byte[] document = randomDocument(0).getBytes(StandardCharsets.UTF_8);
            assertEquals(outcome(document, true), outcome(document, false), new String(document, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyNumberReadsAsTheMapperReadsIt() throws Exception {
        for (String number : NUMBERS) {
            byte[] document = ("[" + number + ", {\"n\": " + number + "}]").getBytes(StandardCharsets.UTF_8);
            assertEquals(describe(json.readWithMapper(document, 0, document.length)), describe(json.read(document)), number);
        }
    }

    @Test
    void theMappersOddCasesAreLeftToIt() throws Exception {
        for (String odd : List.of("", " ", "1 2", "[1,]", "{\"a\":1,}", "\"\\ud800\"", "01", "[1e99999999999]", "\"\u0001\"", "nul",
                "[" + "[".repeat(100) + "]".repeat(100) + "]", "\uFEFF{}", "{\"a\" 1}", "tru", "-", "1.", ".5", "+1", "NaN")) {
            byte[] document = odd.getBytes(StandardCharsets.UTF_8);
            assertEquals(outcome(document, true), outcome(document, false), odd);
        }
    }

    @Test
    void everyTreeWritesToTheBytesTheMapperWrites() throws Exception {
        Budget budget = new Budget(JqLimits.DEFAULTS, new AtomicLong()::incrementAndGet);
        List<BoundedJq> programs = new ArrayList<>();
        for (String expression : List.of(".", "[.. | numbers | . * 1.5]", "[.. | strings] | join(\"|\")", "{k: [.[]?]}", "[paths]",
                "[.. | numbers | . / 3]", "tojson", "[.. | booleans]", "{(.. | strings): 1}?")) {
            programs.add(BoundedJq.compile(expression));
        }
        int fast = 0;
        for (int n = 0; n < 1500; n++) {
            byte[] document = randomDocument(0).getBytes(StandardCharsets.UTF_8);
            JsonNode tree;
            try {
                tree = json.read(document);
            } catch (IOException unreadable) {
                continue; // a member name with half a surrogate pair: the mapper refuses it too (the test above)
            }
            for (BoundedJq program : programs) {
                List<JsonNode> outputs;
                try {
                    outputs = program.apply(program.newScope(), tree, budget);
                } catch (Exception error) {
                    continue;
                }
                for (JsonNode output : outputs) {
                    byte[] expected = json.writeWithMapper(output);
                    assertEquals(new String(expected, StandardCharsets.UTF_8), new String(json.write(output), StandardCharsets.UTF_8));
                    fast += JqTreeWriter.write(output) != null ? 1 : 0;
                }
            }
        }
        assertEquals(true, fast > 5000, "most documents were written without the mapper: " + fast);
    }

    @Test
    void aDecimalsTextIsBigDecimalsAndItsValueTheNearestDouble() {
        List<String> numbers = new ArrayList<>(List.of(NUMBERS));
        for (int n = 0; n < 20000; n++) {
            numbers.add(randomNumber(true));
        }
        for (String number : numbers) {
            if (number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
                continue;
            }
            BigDecimal exact = new BigDecimal(number);
            assertEquals(exact.toString(), JqNumbers.decimalText(number), number);
            byte[] text = number.getBytes(StandardCharsets.US_ASCII);
            JsonNode read = JqNumbers.INSTANCE.number(text, 0, text.length, false);
            double expected = exact.doubleValue();
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(read.doubleValue()), number);
            assertEquals(Double.isInfinite(expected) ? JqNumberText.of(expected) : exact.toString(), read.asText(), number);
        }
        assertNull(JqNumbers.decimalText("1e1234567890"), "an exponent BigDecimal may refuse is left to Jackson");
        assertNotNull(JqNumbers.decimalText("1e000000000000000005"), "leading zeros of an exponent do not count");
    }

    /** The tree read with or without the mapper, described, or the error it gave. */
    private String outcome(byte[] document, boolean mapper) {
        try {
            return describe(mapper ? json.readWithMapper(document, 0, document.length) : json.read(document));
        } catch (IOException | RuntimeException error) {
            return "error: " + error.getClass().getSimpleName() + ": " + error.getMessage();
        }
    }

    /** Kind, value and order of every node: what equals() would miss (field order, number kinds). */
    private static String describe(JsonNode node) {
        StringBuilder text = new StringBuilder();
        describe(node, text);
        return text.toString();
    }

    private static void describe(JsonNode node, StringBuilder text) {
        text.append(node.getClass().getSimpleName()).append('(');
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                text.append(field.getKey()).append('=');
                describe(field.getValue(), text);
                text.append(',');
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                describe(item, text);
                text.append(',');
            }
        } else if (node.isNumber()) {
            text.append(node.asText()).append('|').append(Double.doubleToRawLongBits(node.doubleValue()));
        } else {
            text.append(node.asText());
        }
        text.append(')');
    }

    private String randomDocument(int depth) {
        int kind = depth > 5 ? 2 + random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(5);
                for (int i = 0; i < members; i++) {
                    object.append(i > 0 ? "," : "").append(space()).append(randomString(random.nextInt(4) == 0)).append(space())
                            .append(':').append(space()).append(randomDocument(depth + 1));
                }
                yield object.append(space()).append('}').toString();
            }
            case 1 -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    array.append(i > 0 ? "," : "").append(space()).append(randomDocument(depth + 1));
                }
                yield array.append(space()).append(']').toString();
            }
            case 2 -> randomString(false);
            case 3 -> randomNumber(random.nextBoolean());
            case 4 -> List.of("true", "false", "null").get(random.nextInt(3));
            default -> random.nextInt(3) == 0 ? NUMBERS[random.nextInt(NUMBERS.length)] : randomNumber(false);
        };
    }

    /** A member name or string value; {@code repeatable}: one of a few names, so objects repeat members. */
    private String randomString(boolean repeatable) {
        if (repeatable) {
            return "\"" + "abc".charAt(random.nextInt(3)) + "\"";
        }
        StringBuilder text = new StringBuilder("\"");
        int pieces = random.nextInt(5);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.append('"').toString();
    }

    private String randomNumber(boolean decimal) {
        StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
        int digits = 1 + random.nextInt(random.nextInt(4) == 0 ? 30 : 6);
        number.append(random.nextInt(5) == 0 ? '0' : (char) ('1' + random.nextInt(9)));
        if (number.charAt(number.length() - 1) != '0') {
            for (int i = 1; i < digits; i++) {
                number.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (decimal || random.nextInt(3) == 0) {
            if (random.nextBoolean()) {
                number.append('.');
                int fraction = 1 + random.nextInt(random.nextInt(4) == 0 ? 25 : 5);
                for (int i = 0; i < fraction; i++) {
                    number.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextBoolean()) {
                number.append(random.nextBoolean() ? 'e' : 'E').append(List.of("", "+", "-").get(random.nextInt(3)))
                        .append(random.nextInt(random.nextInt(4) == 0 ? 400 : 12));
            }
        }
        return number.toString();
    }

    private String space() {
        return List.of("", "", " ", "\n", "\t ").get(random.nextInt(5));
    }
}
