package dev.evbus.cli.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Frames for the fuzz suite, drawn from one seeded {@link Random}: every frame a client may send
 * first (hello, publish, status_query, cursor_remove, shutdown) and those that follow a hello or a publish,
 * well-formed, with a field damaged, cut short, over the frame cap, deeply nested, binary, with
 * invalid UTF-8, with CR/LF tricks, or blank. A frame is built as its members, so a field can be
 * changed, dropped, doubled or joined by an extra one before it is written out.
 *
 * <p>A well-formed {@code shutdown} is unforced ({@code force:false}, or no {@code force}): the bus
 * must refuse it while the suite's consumer is attached. A mutation may still turn it into a
 * forced one ({@code force:true}, or a number Jackson reads as true), which the bus would obey;
 * {@link FuzzSafety} redraws any connection holding a frame that decodes to one.
 */
final class WireFrames {
    /** What a fuzz frame is; the suite counts frames by it. */
    enum Kind { VALID, MUTATED, TRUNCATED, OVERSIZED, DEEP, BINARY, BAD_UTF8, CRLF, EMPTY }

    static final int FRAME_CAP = 1 << 20;
    /** The frames a client may send first. */
    static final List<String> FIRST_TYPES = List.of("hello", "publish", "status_query", "cursor_remove", "shutdown");
    private static final String[] KEYS = {"raw", "fz.key", "nokey", ""};
    private static final String[] WRONG_VALUES = {"123", "-1", "0", "\"str\"", "true", "null", "[]", "{}", "1e400",
        "99999999999999999999999", "-9223372036854775809", "9223372036854775807", "1.5", "-0", "\"\\u0000\"",
        "\"é✓😀\"", "\"\\ud800\"", "\"\u2028\"", "[\"fz.a\",1]", "{\"a\":{\"b\":[]}}", "\"" + "y".repeat(5_000) + "\"",
        "\"offset:-5\"", "\"time:x\"", "\"all\"", "\"a..b\"", "\"*\"", "\"../../x\"", "1e-2147483649"};
    private static final String[] TYPE_MISSES = {"Hello", "hello ", "publish\\u0000", "status", "shutdown_", "SHUTDOWN",
        "cursor-remove", "", "héllo", "bye", "commit", "event", "publish_ack", "error", "unknown"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE, (byte) 0xFF}};

    private final Random random;
    private long counter;

    WireFrames(Random random) {
        this.random = random;
    }

    /** A frame of this kind, newline included except where the kind is about the line's end. */
    byte[] frame(Kind kind, String type) {
        return switch (kind) {
            case VALID -> line(valid(type));
            case MUTATED -> line(mutate(valid(type)));
            case TRUNCATED -> {
                byte[] whole = utf8(valid(type).text());
                byte[] cut = java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
                yield random.nextBoolean() ? cut : concat(cut, new byte[] {'\n'});
            }
            case OVERSIZED -> oversized(type);
            case DEEP -> line(valid(type).with(random.nextBoolean() ? "payload" : "x", deep()));
            case BINARY -> {
                byte[] bytes = new byte[1 + random.nextInt(300)];
                random.nextBytes(bytes);
                yield random.nextBoolean() ? bytes : concat(bytes, new byte[] {'\n'});
            }
            case BAD_UTF8 -> badUtf8(valid(type));
            case CRLF -> crlf(valid(type));
            case EMPTY -> utf8(pick(new String[] {"\n", "  \n", "\r\n", "\t\n", "\n\n\n", " \r \n"}));
        };
    }

    /** A random type a client may send first. */
    String firstType() {
        return FIRST_TYPES.get(random.nextInt(FIRST_TYPES.size()));
    }

    /** What may follow a first frame of {@code first}: what a consumer or producer sends next, or anything. */
    String followType(String first) {
        return switch (first) {
            case "hello" -> pick(new String[] {"setup_done", "pre_shutdown_check", "commit", "bye", "status_query"});
            case "publish" -> pick(new String[] {"publish", "publish", "publish", "bye", "hello"});
            default -> firstType();
        };
    }

    /** A well-formed frame of {@code type}, fields in the order the product writes them. */
    JsonMembers valid(String type) {
        long n = ++counter;
        JsonMembers frame = new JsonMembers().with("type", quoted(type));
        return switch (type) {
            case "hello" -> {
                frame.with("pid", String.valueOf(1 + random.nextInt(1 << 22))).with("event_key", quoted(pick(KEYS)))
                        .with("event_types", "[\"fz." + pick(new String[] {"*", "a", "b.c"}) + "\"]").with("version", "\"0.1.0\"")
                        .with("subscription_id", quoted("fz-sub-" + random.nextInt(8))).with("params", "{\"type\":\"fz.*\"}")
                        .with("as", "null").with("buffer_size", "1000").with("single_consumer", String.valueOf(random.nextInt(4) == 0));
                if (random.nextInt(4) == 0) {
                    frame.with("since", quoted(pick(new String[] {"all", "offset:1", "time:0", "offset:999999"})));
                }
                if (random.nextInt(6) == 0) {
                    frame.with("durable", quoted("fz-cursor-" + random.nextInt(4)));
                }
                yield frame;
            }
            case "publish" -> frame.with("event_type", quoted("fz." + pick(new String[] {"a", "b.c", "d"})))
                    .with("event_id", quoted("f-" + n)).with("payload", "{\"n\":" + n + ",\"s\":\"é✓\"}")
                    .with("ack", String.valueOf(random.nextInt(3) == 0));
            case "cursor_remove" -> frame.with("name", quoted("fz-cursor-" + random.nextInt(4)));
            case "shutdown" -> random.nextInt(3) == 0 ? frame : frame.with("force", "false");
            case "setup_done" -> frame.with("ok", String.valueOf(random.nextBoolean()));
            case "pre_shutdown_check" -> frame.with("event_key", quoted(pick(KEYS))).with("subscription_id", "\"fz-sub-1\"");
            case "commit" -> frame.with("offset", String.valueOf(random.nextInt(1000)));
            case "bye" -> random.nextBoolean() ? frame.with("sync", "true") : frame;
            default -> frame;
        };
    }

    /** One change to a field: a value of the wrong kind, the field gone, doubled or joined by an extra one, a near-miss type. */
    private JsonMembers mutate(JsonMembers frame) {
        String name = frame.names().get(random.nextInt(frame.names().size()));
        return switch (random.nextInt(6)) {
            case 0, 1 -> frame.with(name, pick(WRONG_VALUES));
            case 2 -> frame.without(name);
            case 3 -> frame.add(name, pick(WRONG_VALUES));
            case 4 -> frame.add(pick(new String[] {"extra", "é✓😀", "", "\\u0074ype", "type "}), pick(WRONG_VALUES));
            default -> frame.with("type", quoted(pick(TYPE_MISSES)));
        };
    }

    /** Arrays or objects nested around Jackson's limit of 1000, or far past it. */
    private String deep() {
        int levels = pick(new Integer[] {10, 500, 998, 999, 1000, 1001, 5000});
        return random.nextBoolean() ? "[".repeat(levels) + "]".repeat(levels) : "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    /** A frame just over the cap: a publish padded past it, or a plain line of that length. */
    private byte[] oversized(String type) {
        int over = FRAME_CAP + 1 + random.nextInt(64);
        String head = valid(type).with("pad", "\"").text();
        if (random.nextBoolean() || head.length() + 2 >= over) {
            byte[] line = new byte[over + 1];
            java.util.Arrays.fill(line, (byte) 'x');
            line[over] = '\n';
            return line;
        }
        String body = head.substring(0, head.length() - 1) + "z".repeat(over - head.length() - 1) + "\"}";
        return line(body);
    }

    /** Invalid UTF-8 inside a string value, or between tokens. */
    private byte[] badUtf8(JsonMembers frame) {
        byte[] text = utf8(frame.text());
        int quote = indexOf(text, (byte) '"', random.nextInt(text.length));
        int at = quote < 0 ? random.nextInt(text.length) : quote + 1;
        return concat(concat(java.util.Arrays.copyOf(text, at), pick(BAD_UTF8)),
                concat(java.util.Arrays.copyOfRange(text, at, text.length), new byte[] {'\n'}));
    }

    /** A frame ended by CR LF or a lone CR, split by a newline inside it, or with CRs around its tokens. */
    private byte[] crlf(JsonMembers frame) {
        String text = frame.text();
        int at = random.nextInt(text.length());
        return utf8(switch (random.nextInt(4)) {
            case 0 -> text + "\r\n";
            case 1 -> text + "\r" + text + "\r\n";
            case 2 -> text.substring(0, at) + "\n" + text.substring(at) + "\n";
            default -> "\r\n" + text.replace(",", "\r,\r") + "\n\r\n";
        });
    }

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    private static byte[] line(JsonMembers frame) {
        return line(frame.text());
    }

    private static byte[] line(String text) {
        return utf8(text + "\n");
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int k = from; k < bytes.length; k++) {
            if (bytes[k] == wanted) {
                return k;
            }
        }
        return -1;
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** A JSON object as its members in order, each value as JSON text; a name may appear twice. */
    static final class JsonMembers {
        private final List<String[]> members = new ArrayList<>();

        /** Sets the first member of this name, or adds it. */
        JsonMembers with(String name, String value) {
            for (String[] member : members) {
                if (member[0].equals(name)) {
                    member[1] = value;
                    return this;
                }
            }
            return add(name, value);
        }

        JsonMembers add(String name, String value) {
            members.add(new String[] {name, value});
            return this;
        }

        JsonMembers without(String name) {
            members.removeIf(member -> member[0].equals(name));
            return this;
        }

        List<String> names() {
            return members.stream().map(member -> member[0]).toList();
        }

        String text() {
            StringBuilder out = new StringBuilder("{");
            for (String[] member : members) {
                out.append(out.length() > 1 ? "," : "").append(quoted(member[0])).append(':').append(member[1]);
            }
            return out.append('}').toString();
        }
    }
}
