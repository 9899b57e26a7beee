package dev.evbus.protocol;

/**
 * A {@code publish --stdin} line that already is its publish frame but for the frame's
 * {@code "type":"publish",}, so that the frame is written with one copy of the line's bytes
 * ({@link PublishFrame}); any other line is decoded ({@link PublishScanner}, else Jackson).
 */
final class CanonicalPublishLine {
    private static final byte[] LINE_TYPE = PublishScanner.ascii("{\"event_type\":\"");
    private static final byte[] LINE_ID = PublishScanner.ascii(",\"event_id\":\"");
    private static final byte[] LINE_TIME = PublishScanner.ascii(",\"source_time\":\"");
    private static final byte[] LINE_PAYLOAD = PublishScanner.ascii(",\"payload\":");

    /**
     * Where the publish frame of a {@code publish --stdin} line ends, when the line already is that
     * frame but for its {@code "type":"publish",}: exactly
     * {@code {"event_type":"T"[,"event_id":"I"][,"source_time":"S"],"payload":P}}, white space only
     * after the closing brace (the index returned is just past that brace), T, I and S printable
     * ASCII without quote or backslash (so {@link ByteSink#writeQuoted} writes them back as they
     * are), T a type {@link EventRules} takes (not empty, at most its length, without {@code *}), S digits, P a valid JSON value. Such a line decodes,
     * on the scanner's path, to a publish whose frame ({@link PublishFrame#writeTo} without ack) is
     * {@code {"type":"publish",} and the line's bytes after its brace: nothing needs decoding or
     * re-encoding. -1 for every other line, valid or not: the caller then decodes it.
     */
    static int end(byte[] b, int offset, int length) {
        int end = offset + length;
        while (end > offset && (b[end - 1] == ' ' || b[end - 1] == '\t' || b[end - 1] == '\r')) {
            end--;
        }
        // The scanner's own preconditions: without them the Jackson path decides.
        if (!PublishScanner.ENABLED || length > PublishScanner.LIMITS.getMaxStringLength() || end - offset < 2 || b[end - 1] != '}'
                || !ByteScan.startsWith(b, offset, end, LINE_TYPE)) {
            return -1;
        }
        int i = offset + LINE_TYPE.length;
        int after = plainText(b, i, end, true);
        if (after < 0 || after == i || after - i > EventRules.MAX_TYPE_CHARS) { // ASCII: a byte is a character
            return -1;
        }
        i = after + 1;
        if (ByteScan.startsWith(b, i, end, LINE_ID)) {
            i = plainText(b, i + LINE_ID.length, end, false);
            if (i < 0) {
                return -1;
            }
            i++;
        }
        if (ByteScan.startsWith(b, i, end, LINE_TIME)) {
            int digits = i + LINE_TIME.length;
            i = digits;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == digits || i >= end || b[i] != '"') {
                return -1;
            }
            i++;
        }
        if (!ByteScan.startsWith(b, i, end, LINE_PAYLOAD)) {
            return -1;
        }
        i += LINE_PAYLOAD.length;
        // The payload ends right before the closing brace: no white space in between, nothing else after.
        int payloadEnd = new JsonValidator(b, end - 1, PublishScanner.LIMITS).value(i, 1);
        return payloadEnd == end - 1 ? end : -1;
    }

    /**
     * The index of the quote that closes a string of printable ASCII without backslash (nor
     * {@code *}, nor a leading {@code !}, for a type: {@link EventRules} refuses both) from
     * {@code i}, or -1.
     */
    private static int plainText(byte[] b, int i, int end, boolean type) {
        if (type && i < end && b[i] == '!') {
            return -1;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c > 0x7e || c == '\\' || (type && c == '*')) {
                return -1;
            }
        }
        return -1;
    }

    private CanonicalPublishLine() {
    }
}
