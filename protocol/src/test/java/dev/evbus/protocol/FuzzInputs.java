package dev.evbus.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random inputs for the decoders, drawn from one seeded {@link Random} so a failure names the seed
 * that repeats it: JSON values that lean on the edges (numbers at and past every limit, escapes,
 * surrogates, every width of UTF-8, deep nesting), frames of every type with fields of the wrong
 * kind, and byte-level damage to either.
 */
final class FuzzInputs {
    /** Every type a frame can name, and a few near misses. */
    static final String[] TYPES = {"publish", "event", "hello", "hello_ack", "status_query", "status_response",
        "cursor_remove", "cursor_removed", "shutdown", "bye", "commit", "setup_done", "pre_shutdown_check",
        "pre_shutdown_ack", "source_status", "publish_ack", "error", "unknown", "Publish", "publish ", "", "héllo"};
    /** Every member name a frame's decoder reads, plus one none does. */
    private static final String[] FIELDS = {"event_type", "event_id", "source_time", "ack", "payload", "seq", "offset",
        "pid", "event_key", "event_types", "version", "subscription_id", "params", "as", "buffer_size",
        "single_consumer", "since", "durable", "name", "sync", "ok", "message", "consumers", "log", "cursors", "extra"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999", "1e5", "1E+5", "-1.5E-07", "0.5", "1.5e400", "1e2147483648",
        "1e-2147483649", "1e999999999999", "-0.0e-99999999", "4.9e-324", "2147483648", "-2147483649", "1.0"};
    private static final String[] TEXTS = {"a", "event.x", " ", "é", "✓", "😀", "\\n", "\\\"", "\\\\", "\\u00e9",
        "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\/", "Z9_-", "\\u0000", "offset:1", "time:-5", "all", "raw", "\u2028"};
    private static final String[] SPACES = {"", "", "", " ", "\n", "\t", "\r\n ", "  "};
    /** Bytes that are never valid UTF-8, and sequences that are but only just. */
    private static final byte[][] ODD_BYTES = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0}, {0x0B}, {0x0C}, {'\r'}, {'\n'}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}};
    private static final String SPECIALS = "{}[],:\"\\ 0-.eE+tfnu\u0001";

    private final Random random;

    FuzzInputs(Random random) {
        this.random = random;
    }

    /** A frame object of a random type: the fields any decoder reads, each of the right kind or not. */
    byte[] frame() {
        List<String> members = new ArrayList<>();
        if (random.nextInt(8) != 0) {
            members.add("\"type\":" + (random.nextInt(12) == 0 ? value(0) : quoted(pick(TYPES))));
        }
        for (int k = random.nextInt(7); k > 0; k--) {
            String name = pick(FIELDS);
            members.add(quoted(random.nextInt(15) == 0 ? text() : name) + ":" + fieldValue(name));
        }
        Collections.shuffle(members, random);
        StringBuilder out = new StringBuilder(space()).append('{');
        for (int k = 0; k < members.size(); k++) {
            out.append(k == 0 ? "" : ",").append(space()).append(members.get(k)).append(space());
        }
        return utf8(out.append('}').append(space()).toString());
    }

    /** Usually what the field should hold; now and then any value at all. */
    private String fieldValue(String name) {
        if (random.nextInt(4) == 0) {
            return value(0);
        }
        return switch (name) {
            case "event_types" -> "[" + quoted(text()) + (random.nextBoolean() ? "," + quoted("a.*") : "") + "]";
            case "params" -> "{" + quoted(text()) + ":" + quoted(text()) + "}";
            case "ack", "sync", "ok", "single_consumer" -> random.nextBoolean() ? "true" : "false";
            case "pid", "seq", "offset", "buffer_size", "source_time" -> number();
            case "consumers", "cursors" -> "[{\"pid\":" + number() + ",\"event_types\":[" + quoted(text()) + "]}]";
            case "log" -> "{\"first_offset\":" + number() + "}";
            default -> quoted(text());
        };
    }

    /** Any JSON value, nesting no deeper than a few levels, except now and then right at Jackson's limit or past it. */
    String value(int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 8);
        return switch (kind) {
            case 0 -> quoted(text());
            case 1 -> number();
            case 2 -> pick(new String[] {"true", "false", "null"});
            case 3 -> quoted("x".repeat(random.nextInt(200)));
            case 4 -> String.valueOf(random.nextLong());
            case 5 -> {
                StringBuilder out = new StringBuilder("[");
                for (int k = random.nextInt(4); k > 0; k--) {
                    out.append(space()).append(value(depth + 1)).append(k > 1 ? "," : "");
                }
                yield out.append(space()).append(']').toString();
            }
            case 6 -> {
                StringBuilder out = new StringBuilder("{");
                for (int k = random.nextInt(4); k > 0; k--) {
                    out.append(space()).append(quoted(text())).append(':').append(value(depth + 1)).append(k > 1 ? "," : "");
                }
                yield out.append(space()).append('}').toString();
            }
            default -> random.nextInt(20) == 0 ? nested(995 + random.nextInt(10)) : value(depth + 1);
        };
    }

    /** Arrays or objects {@code levels} deep. */
    private String nested(int levels) {
        return random.nextBoolean() ? "[".repeat(levels) + "]".repeat(levels)
                : "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    private String number() {
        if (random.nextBoolean()) {
            return pick(NUMBERS);
        }
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "-" : "");
        out.append(random.nextInt(4) == 0 ? "0" : String.valueOf(1 + random.nextInt(99999)));
        if (random.nextInt(40) == 0) {
            out.append("7".repeat(990 + random.nextInt(20)));
        }
        if (random.nextBoolean()) {
            out.append('.').append(random.nextInt(1000));
        }
        if (random.nextInt(3) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E').append(pick(new String[] {"", "+", "-"})).append(random.nextInt(400));
        }
        return out.toString();
    }

    private String text() {
        StringBuilder out = new StringBuilder();
        for (int k = random.nextInt(6); k > 0; k--) {
            out.append(pick(TEXTS));
        }
        return out.toString();
    }

    /** Damage of one kind to a copy of {@code input}: a byte changed, inserted, removed, a cut, a splice, odd UTF-8. */
    byte[] mutate(byte[] input) {
        if (input.length == 0) {
            return pick(ODD_BYTES).clone();
        }
        int at = random.nextInt(input.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 8);
        switch (random.nextInt(7)) {
            case 0 -> {
                out.write(input, 0, input.length);
                byte[] copy = out.toByteArray();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 1 -> {
                out.write(input, 0, at);
                out.write(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
                out.write(input, at, input.length - at);
            }
            case 2 -> out.write(input, 0, at);
            case 3 -> {
                out.write(input, 0, at);
                out.write(input, at + 1, input.length - at - 1);
            }
            case 4 -> {
                int to = at + random.nextInt(input.length - at);
                out.write(input, 0, to);
                out.write(input, at, input.length - at);
            }
            default -> {
                out.write(input, 0, at);
                out.writeBytes(pick(ODD_BYTES));
                out.write(input, at, input.length - at);
            }
        }
        return out.toByteArray();
    }

    /** {@code count} random bytes, biased towards the ones JSON cares about. */
    byte[] garbage(int count) {
        byte[] bytes = new byte[count];
        for (int k = 0; k < count; k++) {
            bytes[k] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) SPECIALS.charAt(random.nextInt(SPECIALS.length()));
        }
        return bytes;
    }

    private String space() {
        return pick(SPACES);
    }

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
