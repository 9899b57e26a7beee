package dev.evbus.pipeline;

/**
 * One item could not go through a stage; the message says why, for a warning and a dead letter.
 * A failure that another attempt would only repeat (a jq expression at its limits) is not retried.
 */
public final class StageFailure extends Exception {
    private final boolean retryable;

    public StageFailure(String message) {
        this(message, null, true);
    }

    public StageFailure(String message, Throwable cause) {
        this(message, cause, true);
    }

    private StageFailure(String message, Throwable cause, boolean retryable) {
        super(message, cause, false, false);
        this.retryable = retryable;
    }

    /** A failure the same item meets on every attempt: the stage's {@code retry} does not apply. */
    public static StageFailure permanent(String message) {
        return new StageFailure(message, null, false);
    }

    public boolean retryable() {
        return retryable;
    }
}
