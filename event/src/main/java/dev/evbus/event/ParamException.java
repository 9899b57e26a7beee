package dev.evbus.event;

/** A consumer's params do not fit the key; the message says what is wrong and what would fit. */
public final class ParamException extends IllegalArgumentException {
    public ParamException(String message) {
        super(message);
    }
}
