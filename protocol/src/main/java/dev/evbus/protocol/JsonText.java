package dev.evbus.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
     * command started with that cache too). A tree of strings, whole numbers, booleans and nulls,
     * as {@code status --json} and most other {@code --json} output is, is written without Jackson's generator
     * either ({@link JsonTrees#writeTo}): its factory and generators are some 80 classes that the
     * {@code status} cache would otherwise hold and load at every start, {@code --json} or not.
     * There, a lone surrogate (no character; only a decoded {@code \\ud800} escape gives one) is
     * written as that escape, where the generator wrote it raw for the output's encoder to replace.
     */
    public static String write(JsonNode tree) {
        ByteSink plain = new ByteSink(256);
        if (JsonTrees.writeTo(tree, plain)) {
            return new String(plain.array(), 0, plain.size(), StandardCharsets.UTF_8);
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FrameCodec.factory().createGenerator(text)) {
            JsonTrees.write(tree, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
