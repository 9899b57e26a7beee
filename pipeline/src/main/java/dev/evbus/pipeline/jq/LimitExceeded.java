package dev.evbus.pipeline.jq;

/**
 * A jq evaluation reached one of its limits. Unchecked and not a {@code JsonQueryException}, so
 * jq's own {@code try} and {@code ?} cannot catch it: it unwinds the whole evaluation, which then
 * fails its event only. Stackless: it is thrown from deep recursion and only its message matters.
 */
public final class LimitExceeded extends RuntimeException {
    LimitExceeded(String message) {
        super(message, null, false, false);
    }
}
