/**
 * The {@code effects} stage: deliver each item to several sinks at once (a directory, an HTTP
 * endpoint, the bus as a new event type), each with its own retry and failure policy, and
 * optionally on to the consumer's output.
 */
package dev.evbus.pipeline.effect;
