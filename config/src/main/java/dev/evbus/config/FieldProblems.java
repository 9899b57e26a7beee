package dev.evbus.config;

/**
 * Where a {@link FieldReader}'s problems go, and how each is worded as a place: an app's config file
 * throws a {@link ConfigException} at the first ({@code <file>: bridge.nats.servers: ...}), a key file
 * collects every one at its JSON Pointer so one pass finds them all.
 *
 * @param <X> what reporting throws: {@link ConfigException} to stop at the first problem,
 *            {@link RuntimeException} (nothing, in practice) to collect and go on
 */
@FunctionalInterface
public interface FieldProblems<X extends Exception> {
    /** For {@code index}: the problem is at the field itself, not at one element of its list. */
    int WHOLE = -1;

    /**
     * Reports that {@code field} (element {@code index} of it, or {@link #WHOLE}) is wrong; a
     * collecting reporter returns and the reader goes on as if the field were absent.
     */
    void report(String field, int index, String message) throws X;
}
