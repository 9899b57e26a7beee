package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OneJsonValue} is never certain of bytes Jackson refuses as one JSON value, and is certain
 * of the values people publish, so that {@code publish --data} needs no Jackson parser for them.
 */
class OneJsonValueTest {
    private static final JsonFactory JSON = new JsonFactory();

    /** What {@code publish --data} asked Jackson before: exactly one value, white space around it. */
    private static boolean jacksonTakes(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException refused) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "{\"n\":1}", " {\"n\":1}\n", "[1,2,3]", "\"text\"", "\"é✓😀\\u00e9\\ud83d\\ude00\"", "0", "-1.5E-07", "true", "null",
        "{\"a\":{\"b\":[{\"c\":null},[],{}]},\"d\":\"x\"}", "\t\r\n 12345678901234567890 \n",
    })
    void isCertainOfTheValuesPeoplePublish(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        assertTrue(OneJsonValue.certainlyValid(bytes), value);
        assertTrue(jacksonTakes(bytes), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "\n", "{} {}", "1 2", "{}x", "{},", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "01", "1.", ".5", "+1", "NaN",
        "Infinity", "tru", "True", "\"a\tb\"", "\"\u0000\"", "\"unterminated", "[", "]", "{", "/*c*/1", "1//c", "#1", "'a'",
        "\uFEFF{}", "{\"a\":1}}", "\"\\x\"", "\"\\u00zz\"",
    })
    void isNotCertainOfWhatJacksonRefusesOrReadsLeniently(String text) {
        assertFalse(OneJsonValue.certainlyValid(text.getBytes(StandardCharsets.UTF_8)), text);
    }

    @Test
    void agreesAtJacksonsNestingLimitCountedFromTheValueItself() {
        for (int depth = 998; depth <= 1002; depth++) {
            for (String value : List.of("[".repeat(depth) + "]".repeat(depth), "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1))) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                assertEquals(jacksonTakes(bytes), OneJsonValue.certainlyValid(bytes), "depth " + depth);
            }
        }
    }

    @Test
    void neverTakesOddUtf8ThatJacksonLetsThroughInStrings() {
        byte[][] odd = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        for (byte[] sequence : odd) {
            byte[] value = new byte[sequence.length + 2];
            value[0] = '"';
            System.arraycopy(sequence, 0, value, 1, sequence.length);
            value[value.length - 1] = '"';
            assertFalse(OneJsonValue.certainlyValid(value));
        }
    }

    @Test
    void neverMoreLenientThanJacksonOnGeneratedAndMutatedValues() {
        FuzzInputs inputs = new FuzzInputs(new Random(7));
        int certain = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] value = FuzzInputs.utf8(inputs.value(0));
            for (byte[] candidate : new byte[][] {value, inputs.mutate(value), inputs.frame()}) {
                if (OneJsonValue.certainlyValid(candidate)) {
                    certain++;
                    assertTrue(jacksonTakes(candidate), () -> "certain of what Jackson refuses: " + DecodeOutcome.show(candidate));
                }
            }
        }
        assertTrue(certain > 3_000, "certain of " + certain + " generated values: the comparison must not be empty");
    }
}
