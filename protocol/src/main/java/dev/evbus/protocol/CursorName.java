package dev.evbus.protocol;

/** What a named cursor may be called: names travel in hello frames, log lines and the cursors file. */
public final class CursorName {
    private static final int MAX_LENGTH = 128;

    private CursorName() {
    }

    /** Why {@code name} cannot name a cursor, or null when it can. */
    public static String problem(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith(".")
                || !name.chars().allMatch(CursorName::allowed)) {
            return "cursor name " + JsonText.quote(String.valueOf(name)) + " must be 1 to " + MAX_LENGTH
                    + " of the characters A-Z a-z 0-9 . _ : @ - and must not start with a dot";
        }
        return null;
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
    }
}
