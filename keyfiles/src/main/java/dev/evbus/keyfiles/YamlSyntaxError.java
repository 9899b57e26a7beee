package dev.evbus.keyfiles;

import java.io.IOException;

/**
 * A YAML key file that does not parse, or names a field twice: where the old Jackson YAML parser
 * reported it (the line of the end of the last event read, the field its context named) and its
 * message, so {@link KeyFileReader} words it as it words Jackson's own.
 *
 * @see KeyFileReader
 */
final class YamlSyntaxError extends IOException {
    private final int line;
    private final String pointer;

    YamlSyntaxError(int line, String pointer, String message) {
        super(message);
        this.line = line;
        this.pointer = pointer;
    }

    /** The line from 1; below 1 if unknown. */
    int line() {
        return line;
    }

    /** The JSON Pointer of the field the parser was at; empty for the file as a whole. */
    String pointer() {
        return pointer;
    }
}
