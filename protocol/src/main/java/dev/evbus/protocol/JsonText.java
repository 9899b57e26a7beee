package dev.evbus.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON text for people and scripts: untrusted text quoted as a JSON string, so a log line or error
 * message can never be forged by it, and a tree written as one compact line.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /**
     * The tree as compact JSON, byte for byte what {@code ObjectMapper.writeValueAsString} writes
     * for it, without an ObjectMapper: building the first one loads some 350 classes, which every
     * {@code --json} command would pay at start-up (and, preloaded from an AOT cache, every other
     * command started with that cache too).
     */
    public static String write(JsonNode tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FrameCodec.factory().createGenerator(text)) {
            JsonTrees.write(tree, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
