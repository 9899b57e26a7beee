package dev.evbus.event;

/**
 * The rules for a key's name and its params' names, which {@link KeyDefinition.Builder#build}
 * enforces: letters, digits, '.', '_' and '-'.
 */
final class KeyNames {
    private KeyNames() {
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._-]*}, written out: a regular expression here would load the
     * regex engine (27 classes) into every consumer, since the built-in key is built at start.
     */
    static boolean isKeyName(String name) {
        return isName(name, 1);
    }

    /** {@code [A-Za-z0-9_.-]+}, written out for the same reason. */
    static boolean isParamName(String name) {
        return isName(name, 0);
    }

    /** Letters, digits, '.', '_' and '-', with no punctuation among the first {@code alphanumericFirst} characters. */
    private static boolean isName(String name, int alphanumericFirst) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (i >= alphanumericFirst && (c == '.' || c == '_' || c == '-'));
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
