package dev.evbus.pipeline;

/** One item could not go through a stage; the message says why, for a warning and a dead letter. */
public final class StageFailure extends Exception {
    public StageFailure(String message) {
        super(message, null, false, false);
    }

    public StageFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
