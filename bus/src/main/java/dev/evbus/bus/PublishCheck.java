package dev.evbus.bus;

import dev.evbus.protocol.EventRules;
import dev.evbus.protocol.Message;

/** What the bus refuses in a publish, live or from a spool file, so both are judged alike. */
final class PublishCheck {
    private PublishCheck() {
    }

    /** Why the bus refuses {@code publish}, or null when it takes it. */
    static String problem(Message.Publish publish) {
        String typeProblem = EventRules.typeProblem(publish.eventType());
        if (typeProblem != null) {
            return "event_type " + typeProblem;
        }
        String idProblem = EventRules.idProblem(publish.eventId());
        if (idProblem != null) {
            return "event_id " + idProblem;
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
