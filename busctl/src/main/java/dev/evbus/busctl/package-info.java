/**
 * Talking to a running bus without subscribing: status, shutdown and publishing.
 *
 * <p>{@link dev.evbus.busctl.BusConnection} is a client's connection (frames out, frames in);
 * {@link dev.evbus.busctl.BusControl} sends the one-shot requests (status, forget a cursor, exit),
 * and {@link dev.evbus.busctl.NoBusException} says that nothing answers. {@link dev.evbus.busctl.Publisher}
 * streams a command's events and asks for the totals once at the end ({@code evbus publish}).
 * {@link dev.evbus.busctl.EventPublisher} is the publisher for programs, which never makes its caller
 * wait: callers encode into a {@code PublishBuffer} bounded in bytes, and its one thread,
 * {@code PublisherLoop}, sends the batches over a {@code BusLink} (each in flight until acknowledged)
 * or, while no bus answers, to its own spool through {@code SpoolHandover}, oldest first; the
 * loop's back-off and patience run on the publisher's {@link dev.evbus.event.TimeSource}.
 * {@link dev.evbus.busctl.BusAdoption} is {@code evbus serve}'s hold on a bus a consumer started.
 */
package dev.evbus.busctl;
