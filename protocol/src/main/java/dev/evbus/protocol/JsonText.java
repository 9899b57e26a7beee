package dev.evbus.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Quotes untrusted text as a JSON string, so a log line or error message can never be forged by it. */
public final class JsonText {
    private JsonText() {
    }

    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
