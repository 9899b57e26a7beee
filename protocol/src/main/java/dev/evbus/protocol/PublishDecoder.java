package dev.evbus.protocol;

/**
 * Decodes the frames of one producer's connection as {@link FrameCodec#decode(FrameReader)} does,
 * without a {@link Message.Publish} for a publish frame its scanner reads: the frame's fields stay
 * here until the next frame, its payload a range of the reader's buffer. The receiver copies the
 * payload once, into its log, instead of once out of the buffer and again into the log; the scanner
 * and its validator serve every frame, and the event type's String is reused while it repeats.
 * Not thread-safe: one per connection.
 */
public final class PublishDecoder {
    private final PublishScanner scanner = new PublishScanner();
    private byte[] buffer;

    /**
     * Reads the reader's current frame: true when it is a publish frame now held here; false when it
     * is any other frame, which {@link #decodeOther} then decodes.
     */
    public boolean scan(FrameReader reader) {
        buffer = reader.buffer();
        return scanner.scan(buffer, reader.frameOffset(), reader.frameLength(), null);
    }

    /** The frame {@link #scan} did not take, exactly as {@link FrameCodec#decode(FrameReader)} decodes it. */
    public Message decodeOther(FrameReader reader) throws FrameException {
        return FrameCodec.decodeNotScanned(reader.buffer(), reader.frameOffset(), reader.frameLength(), null);
    }

    public String eventType() {
        return scanner.eventType;
    }

    public String eventId() {
        return scanner.eventId;
    }

    public String sourceTime() {
        return scanner.sourceTime;
    }

    public boolean ack() {
        return scanner.ack;
    }

    /** The array the payload is in: the reader's buffer, valid until the reader's next frame. */
    public byte[] payloadBuffer() {
        return scanner.payloadStart < 0 ? FrameCodec.NULL : buffer;
    }

    public int payloadOffset() {
        return scanner.payloadStart < 0 ? 0 : scanner.payloadStart;
    }

    public int payloadLength() {
        return scanner.payloadStart < 0 ? FrameCodec.NULL.length : scanner.payloadEnd - scanner.payloadStart;
    }
}
