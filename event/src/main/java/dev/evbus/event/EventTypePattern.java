package dev.evbus.event;

/**
 * The event-type patterns consumers subscribe with: an exact type, a prefix glob such as
 * {@code order.*}, or {@code *} for everything. Kept this small so the bus can route without regexes.
 */
public final class EventTypePattern {
    private EventTypePattern() {
    }

    public static boolean matches(String pattern, String eventType) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return eventType.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(eventType);
    }

    /** Null when valid, else why not: a {@code *} may only stand at the end. */
    public static String problem(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "event type must not be empty";
        }
        int star = pattern.indexOf('*');
        if (star >= 0 && star != pattern.length() - 1) {
            return "'*' may only end an event type pattern (\"order.*\" or \"*\")";
        }
        return null;
    }
}
