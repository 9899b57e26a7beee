package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * jq 1.7's numbers. The expected texts are what jq prints: checked against jq 1.6 and 1.7 for the
 * computed ones (the two print doubles alike), and against jq 1.7's manual for untouched literals.
 */
class JqJsonTest {
    private final JqJson json = new JqJson();
    private final Budget budget = new Budget(JqLimits.DEFAULTS, new AtomicLong()::incrementAndGet);

    private String jq(String expression, String input) throws Exception {
        BoundedJq program = BoundedJq.compile(expression);
        List<JsonNode> outputs = program.apply(program.newScope(), json.read(input.getBytes(StandardCharsets.UTF_8)), budget);
        StringBuilder text = new StringBuilder();
        for (JsonNode output : outputs) {
            text.append(text.isEmpty() ? "" : " ").append(new String(json.write(output), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Test
    void arithmeticPast64BitsIsInDoublesNotWrapped() throws Exception {
        assertEquals("18446744073709552000", jq(".x - 10", "{\"x\": 18446744073709551617}"));
        assertEquals("123456789012345680000000000000", jq("123456789012345678901234567890 + 1", "null"));
        assertEquals("9223372036854776000", jq("9223372036854775807 + 1", "null"));
        assertEquals("-18446744073709552000", jq("-1 * .x", "{\"x\": 18446744073709551617}"));
        assertEquals("9007199254740992", jq(". + 0", "9007199254740993"));
        assertEquals("1e+16", jq("10000000000000000 + 0", "null"));
        assertEquals("1.7976931348623157e+308", jq("1e300 * 1e300", "null"));
        assertEquals("9223372036854775807", jq(".x", "{\"x\": 9223372036854775807}"));
    }

    @Test
    void computedDoublesArePrintedAsJqPrintsThem() throws Exception {
        assertEquals("0.3333333333333333", jq("1 / 3", "null"));
        assertEquals("2.5", jq("5 / 2", "null"));
        assertEquals("1e-05", jq(". * 1", "0.00001"));
        assertEquals("0.0001", jq(". * 1", "0.0001"));
        assertEquals("1e+17", jq(". * 1", "1e17"));
        assertEquals("1.5", jq(".[0] * 1.5", "[1, 2]"));
        assertEquals("3", jq(". + 2", "1"));
    }

    @Test
    void numbersThatPassThroughUntouchedStayAsWritten() throws Exception {
        assertEquals("{\"x\":18446744073709551617,\"y\":1.000,\"z\":0.10000000000000000001}",
                jq(".", "{\"x\": 18446744073709551617, \"y\": 1.000, \"z\": 0.10000000000000000001}"));
        assertEquals("[18446744073709551617,1.000]", jq("[.x, .y]", "{\"x\": 18446744073709551617, \"y\": 1.000}"));
        assertEquals("\"18446744073709551617\"", jq(".x | tojson", "{\"x\": 18446744073709551617}"));
        assertEquals("true", jq(".x == 18446744073709551616", "{\"x\": 18446744073709551617}"));
        assertEquals("[1.5E+3,1E+2,0.001]", jq(".", "[1.5e3, 1e2, 0.001]"));
        assertEquals("1.7976931348623157e+308", jq(".", "1e1000"));
        assertEquals("-1.7976931348623157e+308", jq(".", "-1e1000"));
    }
}
