/**
 * The {@code effects} stage: deliver each item to several sinks at once (a directory, an HTTP
 * endpoint, the bus as a new event type), each with its own retry and failure policy, and
 * optionally on to the consumer's output. A {@link dev.evbus.pipeline.effect.Rehearsal} takes the
 * place of the {@code dir} and {@code http} sinks when {@code evbus keys test} runs a key.
 */
package dev.evbus.pipeline.effect;
