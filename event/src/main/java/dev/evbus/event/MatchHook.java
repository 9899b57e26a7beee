package dev.evbus.event;

/** A synchronous filter without I/O: it runs for every event, so it must be cheap. */
@FunctionalInterface
public interface MatchHook {
    boolean matches(RawEvent event, Params params);
}
