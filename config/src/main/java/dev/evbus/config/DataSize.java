package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sizes as people write them in config files: {@code 64MiB}, {@code 512KiB}, {@code 1GiB},
 * {@code 100MB} (decimal), {@code 4096} (bytes). Binary and decimal prefixes mean what they say.
 */
public final class DataSize {
    /** Compiled on the first parse, not on the first {@link #format}: {@code status} only formats. */
    private static final class Syntax {
        static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    }

    private DataSize() {
    }

    /**
     * Bytes a config value gives: a whole number of bytes or a size text; {@link IllegalArgumentException}
     * when it is neither (the message says what would do).
     */
    public static long of(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            return parse(node.asText());
        }
        throw new IllegalArgumentException("must be a size such as \"1MiB\" or a number of bytes");
    }

    /** Bytes in {@code text}; {@link IllegalArgumentException} with examples when it is not a size. */
    public static long parse(String text) {
        Matcher matcher = Syntax.SIZE.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: \"" + text + "\" (examples: 64MiB, 512KiB, 1GiB, 100MB)");
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        double bytes = value * switch (unit) {
            case "b" -> 1L;
            case "k", "kib", "ki" -> 1L << 10;
            case "m", "mib", "mi" -> 1L << 20;
            case "g", "gib", "gi" -> 1L << 30;
            case "t", "tib", "ti" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
        if (bytes >= Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("size too large: \"" + text + "\"");
        }
        return Math.round(bytes);
    }

    /** {@code 67108864} as {@code 64MiB}: the largest binary unit that divides it, else bytes. */
    public static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }
}
