package dev.evbus.event;

/** Whether a key delivers events pushed by the source or answers callbacks; only routing metadata for now. */
public enum SubscriptionType {
    EVENT, CALLBACK;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
