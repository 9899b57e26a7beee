package dev.evbus.keyfiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-written YAML edge cases, and generated and mutated documents, for {@link YamlDifferentialTest}. */
final class YamlEdgeCases {
    private YamlEdgeCases() {
    }

    /** Scalars of every kind the old parser typed: words, numbers, tags, anchors, quoting, blocks. */
    static final List<String> SCALARS = List.of(
            "y", "Y", "n", "N", "yes", "Yes", "YES", "yEs", "no", "NO", "on", "On", "ON", "off", "Off", "OFF", "true", "True",
            "TRUE", "tRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "nULL", "", "''", "\"\"", "' '",
            "0", "-0", "+0", "00", "007", "08", "09", "0o17", "0x", "0x1F", "0X1f", "-0x1F", "+0x_1F", "0x7FFFFFF", "0xFFFFFFF",
            "0xFFFFFFFF", "0x7FFFFFFF", "0x80000000", "-0x80000000", "0xFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFF", "0x123456789ABCDEF01",
            "0b", "0b101", "-0b101", "0b_1_0", "0b1111111111111111111111111111111", "0b11111111111111111111111111111111",
            "-0b10000000000000000000000000000000", "0b" + "1".repeat(63), "0b" + "1".repeat(64), "0_7", "0_", "017", "-017",
            "07777777777", "077777777777", "0777777777777777777777", "01777777777777777777777", "0" + "7".repeat(25),
            "1", "-1", "+1", "12", "1_000", "+1_000", "-1_000", "1__0", "1_", "123456789", "1234567890", "+1234567890",
            "-1234567890", "2147483647", "2147483648", "-2147483648", "-2147483649", "+2147483647", "12345678901",
            "999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "+9223372036854775807", "12345678901234567890123", "1" + "0".repeat(999), "1" + "0".repeat(1000), "1:30", "-1:30",
            "190:20:30", "1_000:20", "1.5", "-1.5", "+1.5", ".5", "-.5", "1.", "1.e5", "1e5", "1E5", "1e+5", "1e-5", "1.5e300",
            "1e400", "-1e400", "1_000.5", "+1_0.5", "_", "__", "_.5", "1_e5", "._5", "1.5_", "6.8523015e+5", "685.230_15e+03",
            ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "NaN", "Infinity", "-Infinity", "0.1" + "1".repeat(1000),
            "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "x", "hello world", "a: b", "'a: b'", "\"tab\\there\"",
            "\"\\u00e9\\x41\"", "'it''s'", "\"a\\\nb\"", "!!str 12", "!!str", "!!int 12", "!!int", "!!int ''", "!!int 0x",
            "!!int 0xZZ", "!!int 0b2", "!!int 08", "!!int 0_", "!!int _", "!!int -_", "!!int 12abc", "!!int 1.5", "!!int 0o7",
            "!!int 0x-5", "!!float 12", "!!float x", "!!float ''", "!!float 1_2", "!!float .inf", "!!bool y", "!!bool maybe",
            "!!bool ''", "!!bool TRUE", "!!null x", "!!null ''", "!!binary aGVsbG8=", "!!binary 'aGVs bG8='", "!!binary '!!'",
            "!!binary ''", "!!binary a", "!!timestamp 2001-12-14", "!!map", "!custom value", "!custom", "! 12", "! y",
            "!<tag:yaml.org,2002:int> 5", "!<tag:yaml.org,2002:int,x> 5", "!<tag:yaml.org,2002:float> 1", "!<x> 5",
            "&a 5", "&a", "*a", "&anchor !!int 7", "|\n  line one\n  line two\n", ">\n  folded\n  text\n", "|-\n  kept\n",
            "\"multi\n  line\"", "plain\n  continued", "'single\n\n  para'", "- a", "[]", "{}", "[a, b]", "{a: 1}");

    /** Whole documents: structure, keys, documents, errors. */
    static final List<String> ALL = all();

    private static List<String> all() {
        List<String> cases = new ArrayList<>(List.of(
                "", " ", "\n", "# only a comment\n", "---\n", "---\n...\n", "...\n", "--- \n# c\n", "key: a\n---\nkey: b\n",
                "key: a\n---\n", "key: a\n--- \n...\n", "--- a\n--- b\n", "- a\n---\n- b\n", "key: a\n...\n---\nkey: b\n",
                "%YAML 1.1\n---\nkey: a\n", "%YAML 1.2\n---\nkey: a\n", "%YAML 2.0\n---\nkey: a\n", "%TAG !e! tag:example.com,2000:\n---\nkey: !e!x a\n",
                "%FOO bar\n---\nkey: a\n", "key: a\nkey: b\n", "a:\n  x: 1\n  x: 2\n", "a: [{x: 1, x: 2}]\n", "{a: 1, a: 2}\n",
                "? a\n: 1\n? a\n: 2\n", "? [a, b]\n: 1\n", "? {a: b}\n: 1\n", "[a, b]: 1\n", "*a : 1\n", "&a x: 1\n*a : 2\n",
                "a: &x 1\nb: *x\n", "a: &x {p: 1}\nb: *x\nc: {<<: *x, q: 2}\n", "<<: {a: 1}\n", "a: *nope\n", "? \n: 1\n",
                ": 1\n", "~: 1\n", "null: 1\nNull: 2\n", "1: a\n01: b\n", "'1': a\n1: b\n", "\"\": 1\n'': 2\n", "a/b: 1\nc~d: 2\n",
                "a.b: [x: 1]\n", "a b: {c d: [1, {e: [f]}]}\n", "a:\n- 1\n- - 2\n  - 3\n-\n", "a:\n  - b: 1\n    c: 2\n  - d\n",
                "- 1\n- 2\n", "- - - x\n", "[[[]]]\n", "{a: {b: {c: {}}}}\n", "[a, b\n", "{a: 1\n", "a: [1, 2\nb: 3\n",
                "a: b: c\n", "a:\n  b\n  c: d\n", "a:\tb\n", "\ta: b\n", "a: 'unterminated\n", "a: \"bad \\q escape\"\n",
                "a: \"\\x4\"\n", "a: \"\\uZZZZ\"\n", "a: \"\\U0001F600\"\n", "a: \"\\UFFFFFFFF\"\n", "a: @x\n", "a: `x\n", "a: %x\n",
                "- a\nb: c\n", "a: 1\n- b\n", "a:\n  - 1\n  b: 2\n", "key: a\n  bad: indent\n", "a: |\n  x\n b: 1\n",
                "a: !!binary |\n  aGVsbG8g\n  d29ybGQ=\n", "a: !!binary |\n  aGVsbG8g\n  !!!!\n", "key: !!binary a2V5\n",
                "key: !!binary '!'\nevent_types: [a]\n", "a: !!int -\n", "- !!int +\n", "!!int -\n", "--- !!int -\n--- a: 1\n",
                "a: !!int\nb: 1\n", "a: !!map {}\n", "a: !!seq []\n", "a: !!str\n", "a: !!set {x, y}\n", "a: !!omap [x: 1]\n",
                "!!map {a: 1}\n", "!!seq [1]\n", "!custom {a: 1}\n", "a: !<!> 5\n", "a: ! [1]\n", "key: &k a\nevent_types: [*k]\n",
                "other: [1, 2]\nkey: x\n", "other: {k: [1, {z: y}]}\nkey: x\n", "other: !!int 0xZZ\nkey: x\n", "other: _\nkey: x\n",
                "key: 5\n", "key: y\n", "key: ~\n", "key:\n", "key: [a]\n", "key: !!str 5\n", "key: \"quoted\"\n", "key: *a\n",
                "x: 1\nkey: a\nkey: b\n", "key: a\nx: 1\nx: 2\n", "x: 1\nx: 2\nkey: a\n", "- key: a\n", "key a\n", "{key: a}\n",
                "{\"key\": \"a\", \"event_types\": [\"a\"], \"n\": 1.5e3, \"z\": null}\n", "\uFEFFkey: a\n", "key: a\uFEFF\n",
                "key: a\r\nevent_types: [b]\r\n", "key: a\rb: c\r", "key: caf\u00e9\n", "key: \ud83d\ude00\n", "key: a\u0085b: c\n",
                "key: a\u2028b: c\n", "key: a\u0007\n", "key: \"a\u0007\"\n", "key: a\u0000\n", "key: \uFFFE\n",
                "a:\n  b:\n    c:\n      d: [e, {f: g}]\n", "[" + "[".repeat(1100) + "]".repeat(1100) + "]\n",
                "a: " + "[".repeat(999) + "]".repeat(999) + "\n", "a: " + "[".repeat(1000) + "]".repeat(1000) + "\n",
                "a: " + "{b: ".repeat(1001) + "1" + "}".repeat(1001) + "\n", "a: " + "x".repeat(5000) + "\n", "# c\n\n\nkey: a # trailing\n"));
        for (String scalar : SCALARS) {
            cases.add("v: " + scalar + "\n");
            cases.add("- " + scalar + "\n");
            cases.add("[" + scalar + "]\n");
            cases.add(scalar + "\n");
            cases.add("key: " + scalar + "\nevent_types: [a]\n");
            cases.add(scalar + ": 1\n");
        }
        return List.copyOf(cases);
    }

    private static final String[] WORDS = {"key", "event_types", "stages", "params", "name", "a", "b", "x", "log.alerts", "1", "-"};

    /** A random document of nested mappings and sequences, block and flow, of the scalars above. */
    static String generated(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(8) == 0) {
            out.append("---\n");
        }
        block(out, random, 0, 3);
        if (random.nextInt(10) == 0) {
            out.append(random.nextBoolean() ? "---\n" : "...\n");
            block(out, random, 0, 1);
        }
        return out.toString();
    }

    private static void block(StringBuilder out, Random random, int indent, int depth) {
        int entries = 1 + random.nextInt(4);
        boolean sequence = random.nextInt(3) == 0;
        for (int i = 0; i < entries; i++) {
            out.append(" ".repeat(indent));
            if (sequence) {
                out.append("- ");
            } else {
                out.append(random.nextInt(6) == 0 ? scalar(random) : WORDS[random.nextInt(WORDS.length)]).append(":");
            }
            int kind = random.nextInt(depth > 0 ? 5 : 3);
            if (kind == 0) {
                out.append(" ").append(flow(random, 2)).append('\n');
            } else if (kind <= 2) {
                out.append(" ").append(scalar(random).replace("\n", "\n" + " ".repeat(indent + 2))).append('\n');
                if (random.nextInt(10) == 0) {
                    out.append(" ".repeat(indent + random.nextInt(3))).append("# comment\n");
                }
            } else {
                out.append('\n');
                block(out, random, indent + 2, depth - 1);
            }
        }
    }

    private static String flow(Random random, int depth) {
        int entries = random.nextInt(4);
        boolean mapping = random.nextBoolean();
        StringBuilder out = new StringBuilder(mapping ? "{" : "[");
        for (int i = 0; i < entries; i++) {
            out.append(i == 0 ? "" : ", ");
            if (mapping) {
                out.append(WORDS[random.nextInt(WORDS.length)]).append(": ");
            }
            String value = depth > 0 && random.nextInt(3) == 0 ? flow(random, depth - 1) : scalar(random);
            out.append(value.contains("\n") || value.startsWith("|") || value.startsWith(">") ? "x" : value);
        }
        return out.append(mapping ? "}" : "]").toString();
    }

    private static String scalar(Random random) {
        String scalar = SCALARS.get(random.nextInt(SCALARS.size()));
        return scalar.length() > 200 ? "long" : scalar;
    }

    private static final String SIGNIFICANT = ":-[]{},#&*!|>'\"%@`?~ \t\n\r._0xb19eE+\\";

    /** A document changed in a few places: characters inserted, deleted or replaced, lines moved, bytes broken. */
    static byte[] mutated(String source, Random random) {
        StringBuilder text = new StringBuilder(source.length() > 3000 ? source.substring(0, 3000) : source);
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.insert(at, SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
                    }
                }
                case 3 -> text.insert(at, scalar(random));
                case 4 -> {
                    int lineStart = text.lastIndexOf("\n", Math.max(at - 1, 0)) + 1;
                    int lineEnd = text.indexOf("\n", at);
                    if (lineEnd > lineStart) {
                        text.insert(lineStart, text.substring(lineStart, lineEnd + 1)); // a line twice
                    }
                }
                case 5 -> text.setLength(at); // cut short
                default -> text.insert(at, "\n" + " ".repeat(random.nextInt(5)));
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) == 0 && bytes.length > 0) {
            // a broken or unusual UTF-8 sequence: a stray byte, a cut character, an overlong form
            byte[][] odd = {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
                    {(byte) 0xC0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, 0x41}};
            byte[] insert = odd[random.nextInt(odd.length)];
            int at = random.nextInt(bytes.length + 1);
            byte[] out = new byte[bytes.length + insert.length];
            System.arraycopy(bytes, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
            return out;
        }
        return bytes;
    }
}
