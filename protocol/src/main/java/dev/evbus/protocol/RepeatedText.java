package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The String of the UTF-8 bytes last seen, made again only when the bytes change. A producer
 * streams one type, or a few, over and over: its frames then share one String, whose hash is
 * computed once, instead of each making its own (decision 0034). Not thread-safe: one per scanner.
 */
final class RepeatedText {
    private byte[] bytes = new byte[0];
    private String text = "";

    /** The text of {@code b[from, to)}, which must be valid UTF-8. */
    String of(byte[] b, int from, int to) {
        if (!Arrays.equals(b, from, to, bytes, 0, bytes.length)) {
            bytes = Arrays.copyOfRange(b, from, to);
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        return text;
    }
}
