package dev.evbus.cli;

import dev.evbus.config.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One option, described once. Both parsers are built from it: picocli's {@code OptionSpec}
 * ({@link CommandSpecs#option}) and {@link FastArgs}'s table, so the two cannot disagree on names,
 * arity, default or converter. {@link #convert} is the fast parser's converter: it gives what
 * picocli's converter for the kind gives, or null where it cannot be sure of that, and the line
 * goes to picocli. No picocli type appears here, so the fast path loads none.
 */
record OptionDef(List<String> names, Kind kind, String paramLabel, String defaultValue, String description) {

    OptionDef {
        names = List.copyOf(names);
        // The fast parser fills an option left out with its default converted: it must be sure of
        // that value, and picocli must not rewrite the text first (it interpolates ${...}).
        if (defaultValue != null && (convert(kind, defaultValue) == null || defaultValue.contains("${"))) {
            throw new IllegalArgumentException(names + ": default " + defaultValue + " is not certain to convert");
        }
    }

    /** The shapes of option evbus uses, each with picocli's type, arity and converter for it. */
    enum Kind {
        /** Boolean, false until given; arity left unspecified, as an annotated boolean field's, so {@code --json=true} parses. */
        FLAG,
        /** Boolean with arity 0 said explicitly and default "false": {@code --quiet=true} is refused. */
        STRICT_FLAG,
        TEXT,
        /** One string per occurrence, repeatable; null when never given. */
        TEXT_LIST,
        INT,
        LONG,
        PATH,
        /** Converted by {@link DurationText}, on both paths (picocli's converter is {@link DurationParser}). */
        DURATION
    }

    static OptionDef flag(String name, String description) {
        return flag(List.of(name), description);
    }

    /** A flag with several names, such as {@code -r, --raw-output}. */
    static OptionDef flag(List<String> names, String description) {
        return new OptionDef(names, Kind.FLAG, null, null, description);
    }

    /** {@code --json}: the commands that print something a script may read can print it as JSON; what that JSON is differs. */
    static OptionDef json(String description) {
        return flag("--json", description);
    }

    static OptionDef strictFlag(String name, String description) {
        return new OptionDef(List.of(name), Kind.STRICT_FLAG, null, "false", description);
    }

    static OptionDef text(String name, String paramLabel, String description) {
        return new OptionDef(List.of(name), Kind.TEXT, paramLabel, null, description);
    }

    static OptionDef texts(List<String> names, String paramLabel, String description) {
        return new OptionDef(names, Kind.TEXT_LIST, paramLabel, null, description);
    }

    static OptionDef integer(String name, String paramLabel, String defaultValue, String description) {
        return new OptionDef(List.of(name), Kind.INT, paramLabel, defaultValue, description);
    }

    static OptionDef longInteger(String name, String paramLabel, String defaultValue, String description) {
        return new OptionDef(List.of(name), Kind.LONG, paramLabel, defaultValue, description);
    }

    static OptionDef path(String name, String paramLabel, String description) {
        return new OptionDef(List.of(name), Kind.PATH, paramLabel, null, description);
    }

    static OptionDef duration(String name, String description) {
        return new OptionDef(List.of(name), Kind.DURATION, "DURATION", null, description);
    }

    OptionDef withDefault(String value) {
        return new OptionDef(names, kind, paramLabel, value, description);
    }

    /** The longest name, as picocli's {@code longestName()}: the key of the option's value in {@link OptionValues}. */
    String name() {
        String longest = names.get(0);
        for (String name : names) {
            longest = name.length() > longest.length() ? name : longest;
        }
        return longest;
    }

    boolean takesValue() {
        return kind != Kind.FLAG && kind != Kind.STRICT_FLAG;
    }

    boolean repeatable() {
        return kind == Kind.TEXT_LIST;
    }

    /**
     * The value picocli's converter for this kind makes of {@code text}, or null when not certain
     * of it. picocli converts ints and longs with {@code Integer.valueOf}/{@code Long.valueOf},
     * which also take a sign, non-ASCII digits and overflow into an error; only plain ASCII digits
     * short enough not to overflow are taken here. Paths go through {@code Paths.get}, as picocli's.
     */
    Object convert(String text) {
        return convert(kind, text);
    }

    private static Object convert(Kind kind, String text) {
        return switch (kind) {
            case FLAG, STRICT_FLAG -> text.equals("true") || text.equals("false") ? Boolean.valueOf(text) : null;
            case TEXT, TEXT_LIST -> text;
            case INT -> asciiDigits(text, 9) ? Integer.valueOf(text) : null;
            case LONG -> asciiDigits(text, 18) ? Long.valueOf(text) : null;
            case PATH -> {
                try {
                    yield Path.of(text);
                } catch (RuntimeException invalid) {
                    yield null;
                }
            }
            case DURATION -> {
                try {
                    yield DurationText.parse(text); // what DurationParser, picocli's converter, runs
                } catch (RuntimeException invalid) {
                    yield null;
                }
            }
        };
    }

    /**
     * The value picocli leaves when the option is not given: its default converted, false for a
     * flag (its initial value), else null. (An option of an argument group that is not given
     * keeps no value at all: see {@link FastArgs}.)
     */
    Object unsetValue() {
        if (defaultValue != null) {
            return convert(defaultValue);
        }
        return kind == Kind.FLAG ? Boolean.FALSE : null;
    }

    private static boolean asciiDigits(String text, int maxLength) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
