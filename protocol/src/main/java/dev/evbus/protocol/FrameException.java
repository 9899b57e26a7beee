package dev.evbus.protocol;

/** A frame that cannot be decoded: not JSON, not an object, or a field of the wrong shape. */
public class FrameException extends Exception {
    public FrameException(String message) {
        super(message);
    }

    public FrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
