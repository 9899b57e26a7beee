/**
 * Test fixtures that run the built product as a user would, shared by the end-to-end tests and
 * the bench. {@link dev.evbus.testkit.Evbus} is one private installation (a home under a short
 * {@code /tmp} path and the real {@code bin/evbus}; a test's ignores the caller's {@code EVBUS_*}
 * variables, the bench's keeps them); it starts {@link dev.evbus.testkit.EvbusProcess}es,
 * which collect every output line and wait on them with {@link dev.evbus.testkit.Poll}'s deadlines,
 * runs short commands to a {@link dev.evbus.testkit.CommandResult}, or hands out a process builder to
 * a caller that reads the output its own way (the bench counts millions of lines). Closing it ends
 * every process and bus it started and deletes the directory ({@link dev.evbus.testkit.ScratchDir}).
 * {@link dev.evbus.testkit.BusSources} reads a bus's sources from its status and waits for the HTTP
 * source to listen. {@link dev.evbus.testkit.RawConsumer} speaks the wire protocol from the test's
 * JVM where real consumers would not fit in memory, and {@link dev.evbus.testkit.NatsServerProcess}
 * runs a real {@code nats-server -js} (one, or a cluster of three) for the bridge.
 *
 * <p>The fixtures launch the product; they never link it. They depend on nothing of evbus, so any
 * module's tests may use them, and no main code may import them.
 */
package dev.evbus.testkit;
