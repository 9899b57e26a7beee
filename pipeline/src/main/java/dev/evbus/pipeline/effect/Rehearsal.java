package dev.evbus.pipeline.effect;

import dev.evbus.pipeline.Item;

/**
 * Where a rehearsed {@code effects} stage reports what its {@code dir} and {@code http} sinks
 * would do, instead of doing it ({@code evbus keys test}). A {@code publish} sink needs no
 * rehearsal: it acts through the context's republisher, which the caller stubs.
 */
@FunctionalInterface
public interface Rehearsal {
    /** {@code action} says what the sink would do, such as {@code would POST https://host/path}. */
    void would(Item item, String action);
}
