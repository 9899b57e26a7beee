package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** What a decode came to, as text that is equal exactly when two outcomes are: the record, or the error message. */
final class DecodeOutcome {
    private DecodeOutcome() {
    }

    /** One way of decoding a frame: the codec's, or its Jackson path alone. */
    interface Decoder {
        Message decode(byte[] buffer, int offset, int length, String impliedType) throws FrameException;
    }

    static String of(Decoder decoder, byte[] buffer, int offset, int length, String impliedType) {
        try {
            return describe(decoder.decode(buffer, offset, length, impliedType));
        } catch (FrameException e) {
            return "FrameException: " + e.getMessage();
        }
    }

    private static String describe(Message message) {
        return switch (message) {
            case Message.Publish p -> "Publish[" + p.eventType() + "|" + p.eventId() + "|" + p.sourceTime() + "|"
                    + p.ack() + "|" + HexFormat.of().formatHex(p.payload()) + "]";
            case Message.Event e -> "Event[" + e.eventType() + "|" + e.eventId() + "|" + e.sourceTime() + "|"
                    + e.offset() + "|" + e.seq() + "|" + HexFormat.of().formatHex(e.payload()) + "]";
            default -> message.toString();
        };
    }

    /** The frame for a failure message: as text, cut at 300 characters, with its bytes in hex when short. */
    static String show(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        return text.length() > 300 ? text.substring(0, 300) + "… (" + frame.length + " bytes)" : text + " [" + HexFormat.of().formatHex(frame) + "]";
    }
}
