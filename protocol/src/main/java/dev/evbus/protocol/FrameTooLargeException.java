package dev.evbus.protocol;

/** A frame longer than the limit; the reader has already skipped past its end. */
public final class FrameTooLargeException extends FrameException {
    public FrameTooLargeException(long limit) {
        super("frame longer than " + limit + " bytes");
    }
}
