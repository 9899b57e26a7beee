package dev.evbus.protocol;

/**
 * What an event's type and id may hold, wherever an event enters the bus: {@code evbus publish},
 * a producer's {@code publish} frame, a spool file, the HTTP and file sources and the bridge all
 * ask here, so one event is never taken by one door and refused by another.
 *
 * <ul>
 * <li>type: 1 to {@value #MAX_TYPE_CHARS} characters, no {@code *} (only subscriptions use it), not
 * starting with {@code !} (a subscription's {@code !pattern} excludes; such a type could never be
 * subscribed to by name);</li>
 * <li>type and id: no control character (U+0000 to U+001F, U+007F to U+009F) and no lone
 * surrogate (a {@code \ud800} without its pair is not Unicode, and could not be written back as
 * UTF-8). An id is optional (an empty one is no id, as dedup reads it).</li>
 * <li>source time: optional; when given, milliseconds since the epoch as digits.</li>
 * <li>payload: 1 to {@link FrameReader#MAX_FRAME} bytes, the most one frame carries (a consumer
 * reads it back inside an event frame).</li>
 * </ul>
 * Each method answers what is wrong without naming the field, so every entry words it its own way
 * ({@code event_type}, {@code type}, {@code --id}), and null when the value is fine.
 */
public final class EventRules {
    /** Longer types are refused: a log record keeps at most 32 KiB of type, and no one routes on a page of text. */
    public static final int MAX_TYPE_CHARS = 1024;

    private EventRules() {
    }

    /** Why {@code type} cannot be an event's type, or null when it can. */
    public static String typeProblem(String type) {
        if (type == null || type.isEmpty()) {
            return "is missing";
        }
        if (type.length() > MAX_TYPE_CHARS) {
            return "is longer than " + MAX_TYPE_CHARS + " characters";
        }
        if (type.indexOf('*') >= 0) {
            return "must not contain '*' (an exact type, such as order.placed; '*' is only for subscriptions)";
        }
        if (type.charAt(0) == '!') {
            return "must not start with '!' (a subscription's \"!pattern\" excludes types)";
        }
        return textProblem(type);
    }

    /** Why {@code id} cannot be an event's id, or null when it can; null or empty (no id) is fine. */
    public static String idProblem(String id) {
        return id == null ? null : textProblem(id);
    }

    /** Why {@code sourceTime} cannot be an event's source time, or null when it can; null (the bus's clock) is fine. */
    public static String sourceTimeProblem(String sourceTime) {
        return sourceTime == null || isDigits(sourceTime) ? null : "must be milliseconds since the epoch";
    }

    /** Why a payload of {@code bytes} bytes cannot be stored, or null when it can. */
    public static String payloadProblem(int bytes) {
        if (bytes <= 0) {
            return "is empty (it must be one JSON value)";
        }
        return bytes > FrameReader.MAX_FRAME ? "is longer than the " + FrameReader.MAX_FRAME + "-byte frame limit" : null;
    }

    /**
     * Why an event cannot be published, worded with the publish frame's field names
     * ({@code event_type}, {@code event_id}, {@code source_time}), or null when it can: the bus
     * says this for every door, and {@code publish --stdin} for each line before it sends it.
     */
    public static String publishProblem(String type, String id, String sourceTime) {
        String problem = typeProblem(type);
        if (problem != null) {
            return "event_type " + problem;
        }
        problem = idProblem(id);
        if (problem != null) {
            return "event_id " + problem;
        }
        problem = sourceTimeProblem(sourceTime);
        return problem == null ? null : "source_time " + problem;
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

    /** A control character or a lone surrogate, named by its code and place; a plain loop, as this runs for every event. */
    private static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "holds the control character " + code(c) + " at character " + (i + 1)
                        + " (control characters are not allowed)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds the lone surrogate " + code(c) + " at character " + (i + 1) + " (it is not valid Unicode)";
            }
        }
        return null;
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }
}
