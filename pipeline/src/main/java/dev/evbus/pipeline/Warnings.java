package dev.evbus.pipeline;

/** Where a pipeline reports a problem with one event; the consumer prints it as an {@code [event] warning:} line. */
@FunctionalInterface
public interface Warnings {
    void warn(Item item, String problem);
}
