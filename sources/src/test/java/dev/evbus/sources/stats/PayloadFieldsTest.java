package dev.evbus.sources.stats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PayloadFieldsTest {
    private final PayloadFields fields = new PayloadFields("data.value", "source");

    private PayloadFields.Reading read(String json) {
        return fields.read(json.getBytes(UTF_8));
    }

    @Test
    void findsTheNestedNumberAndTheSourcePastOtherSubtrees() {
        PayloadFields.Reading reading = read("""
                {"id":"1","other":{"value":99,"list":[1,{"data":{"value":7}}]},"data":{"skip":[{"value":1}],"value":12.5},
                 "source":"sensor-a","tail":1}""");
        assertEquals(12.5, reading.value());
        assertEquals("sensor-a", reading.source());
    }

    @Test
    void aMissingOrNonNumericFieldIsNaN() {
        assertTrue(Double.isNaN(read("{\"data\":{}}").value()));
        assertTrue(Double.isNaN(read("{\"data\":{\"value\":\"12\"}}").value()));
        assertTrue(Double.isNaN(read("{\"data\":{\"value\":{\"n\":1}}}").value()));
        assertTrue(Double.isNaN(read("{\"data\":{\"value\":1e999}}").value()));
        assertTrue(Double.isNaN(read("{\"data\":7}").value()));
    }

    @Test
    void aSourceThatIsNotAStringIsNone() {
        assertNull(read("{\"source\":42}").source());
        assertNull(read("{\"data\":{\"value\":1}}").source());
    }

    @Test
    void aPayloadThatIsNotAnObjectHasNeither() {
        assertEquals(PayloadFields.Reading.NOTHING, read("[1,2]"));
        assertEquals(PayloadFields.Reading.NOTHING, read("{\"data\":{\"value\":"));
    }

    @Test
    void pathsMayShareAPrefix() {
        PayloadFields.Reading reading = new PayloadFields("meta.n", "meta.host")
                .read("{\"meta\":{\"host\":\"h1\",\"n\":-3}}".getBytes(UTF_8));
        assertEquals(-3, reading.value());
        assertEquals("h1", reading.source());
    }

    @Test
    void longTextIsCutToABoundedLengthButStaysToldApart() {
        String a = "x".repeat(10_000) + "a";
        String b = "x".repeat(10_000) + "b";
        assertEquals(PayloadFields.MAX_TEXT, PayloadFields.bounded(a).length());
        assertNotEquals(PayloadFields.bounded(a), PayloadFields.bounded(b));
        assertEquals("short", PayloadFields.bounded("short"));
    }
}
