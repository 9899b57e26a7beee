package dev.evbus.event;

/** A key definition the registry refuses; the message names the key and the offending field. */
public final class KeyDefinitionException extends IllegalArgumentException {
    private final String key;
    private final String field;

    public KeyDefinitionException(String key, String field, String problem) {
        super("key \"" + key + "\": " + field + ": " + problem);
        this.key = key;
        this.field = field;
    }

    public String key() {
        return key;
    }

    public String field() {
        return field;
    }
}
