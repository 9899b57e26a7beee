package dev.evbus.protocol;

/**
 * Why a bus refuses a consumer's hello, worded once: the bus sends these, and
 * {@code consume --dry-run} predicts them from the bus's status, so both say the same.
 */
public final class Refusals {
    private Refusals() {
    }

    public static String cursorInUse(String name, long pid) {
        return "cursor " + JsonText.quote(name) + " is in use by pid " + pid;
    }

    public static String cursorOfAnotherSubscription(String name, String subscriptionId, String eventKey) {
        return "cursor " + JsonText.quote(name) + " belongs to subscription " + JsonText.quote(subscriptionId)
                + " of key " + JsonText.quote(eventKey) + "; use another name or remove it with `evbus cursors rm "
                + name + "`";
    }

    public static String singleConsumerTaken(String eventKey, long pid) {
        return "key " + JsonText.quote(eventKey) + " is single-consumer and already consumed by pid " + pid;
    }
}
