package dev.evbus.sources.file;

/**
 * How a line of the followed file becomes an event: a publish line as {@code evbus publish --stdin}
 * reads it, or any JSON object typed by a configured field. Stateless, so the poller alone uses it.
 */
sealed interface LineFormat permits PublishLineFormat, TypedLineFormat {

    /** One event a line carries: what {@link dev.evbus.sources.Ingest#publish} takes. */
    record Event(String eventType, String eventId, String sourceTime, byte[] payload) {
    }

    /** Why a line was refused, fit for "line at byte N: rejected: …". */
    final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** The event of the {@code length} bytes of {@code line} (no newline); the bytes may be reused after. */
    Event parse(byte[] line, int length) throws Rejected;

    static LineFormat of(FileSourceConfig config) {
        return config.typeField() == null ? new PublishLineFormat()
                : new TypedLineFormat(config.typeField(), config.idField(), config.timeField());
    }

    /** The checks the bus applies to every published event, here so a line fails with its reason. */
    static void check(String eventType, String eventId, String sourceTime, byte[] payload) throws Rejected {
        String typeProblem = dev.evbus.protocol.EventRules.typeProblem(eventType);
        if (typeProblem != null) {
            throw new Rejected("the event type " + typeProblem);
        }
        String idProblem = dev.evbus.protocol.EventRules.idProblem(eventId);
        if (idProblem != null) {
            throw new Rejected("the event id " + idProblem);
        }
        String timeProblem = dev.evbus.protocol.EventRules.sourceTimeProblem(sourceTime);
        if (timeProblem != null) {
            throw new Rejected("the source time " + timeProblem);
        }
        String payloadProblem = dev.evbus.protocol.EventRules.payloadProblem(payload.length);
        if (payloadProblem != null) {
            throw new Rejected("the payload " + payloadProblem);
        }
    }
}
