package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
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
}
