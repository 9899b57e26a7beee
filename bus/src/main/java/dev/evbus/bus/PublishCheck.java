package dev.evbus.bus;

import dev.evbus.protocol.Message;

/** What the bus refuses in a publish, live or from a spool file, so both are judged alike. */
final class PublishCheck {
    /** Longer types are refused: a log record keeps at most 32 KiB of type, and no one routes on a page of text. */
    static final int MAX_TYPE_CHARS = 1024;

    private PublishCheck() {
    }

    /** Why the bus refuses {@code publish}, or null when it takes it. */
    static String problem(Message.Publish publish) {
        String type = publish.eventType();
        if (type == null || type.isEmpty()) {
            return "event_type is missing";
        }
        if (type.indexOf('*') >= 0) {
            return "event_type must not contain '*'";
        }
        if (type.length() > MAX_TYPE_CHARS) {
            return "event_type is longer than " + MAX_TYPE_CHARS + " characters";
        }
        String time = publish.sourceTime();
        if (time != null && !isDigits(time)) {
            return "source_time must be milliseconds since the epoch";
        }
        return null;
    }

    /** A plain loop: this runs for every published event, where a stream pipeline shows in profiles. */
    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
