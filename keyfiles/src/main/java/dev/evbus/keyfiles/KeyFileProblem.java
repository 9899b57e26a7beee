package dev.evbus.keyfiles;

/**
 * One thing wrong with a key file: the line it is on, the field in dotted notation
 * ({@code stages[2].lookup.table}; {@code (file)} for the file as a whole) and what is wrong.
 * Line 0 means the file could not be read at all.
 */
public record KeyFileProblem(int line, String field, String message) {

    /** {@code FILE:LINE: FIELD: message}, or {@code FILE: message} for an unreadable file. */
    public String format(String file) {
        return line > 0 ? file + ":" + line + ": " + field + ": " + message : file + ": " + message;
    }
}
