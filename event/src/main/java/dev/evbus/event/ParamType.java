package dev.evbus.event;

/** The value types a key parameter may declare; values travel as strings and are checked against these. */
public enum ParamType {
    STRING, ENUM, MULTI, BOOL, INT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
