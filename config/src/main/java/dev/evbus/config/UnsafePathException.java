package dev.evbus.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * evbus refuses a path where it keeps private state: a symbolic link, something that is not a
 * directory or regular file, or another user's. Its message is one line: what, where, why, and
 * what to do. Commands report it with exit code 2 (a precondition not met).
 */
public final class UnsafePathException extends IOException {
    public UnsafePathException(Path path, String why, String hint) {
        super("refusing " + printable(path.toString()) + ": " + why + " (" + hint + ")");
    }

    /** A path or link target made one line: control characters become {@code ?}, so no file name can forge a line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return out.toString();
    }
}
