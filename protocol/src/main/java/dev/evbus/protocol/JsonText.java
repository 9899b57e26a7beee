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

    /** {@code text} as the UTF-8 bytes of a JSON string, quotes included. */
    static byte[] quotedUtf8(String text) {
        byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        byte[] out = new byte[inner.length + 2];
        out[0] = '"';
        System.arraycopy(inner, 0, out, 1, inner.length);
        out[out.length - 1] = '"';
        return out;
    }
}
