/**
 * Talking to a running bus without subscribing: status, shutdown and publishing.
 *
 * <p>{@link dev.evbus.busctl.BusConnection} is one framed connection. {@link dev.evbus.busctl.EventPublisher}
 * is the never-blocking publisher: callers fill a {@code PublishBuffer}; one thread runs the
 * {@code PublisherLoop} state machine (no bus, direct, handing over the spool) over a
 * {@code BusLink} (the connection and its acks) and a {@code SpoolHandover} (the spool files), all
 * timed by the publisher's {@link dev.evbus.event.TimeSource}. {@link dev.evbus.busctl.Publisher}
 * streams frames on one connection and asks for the totals once at the end.
 */
package dev.evbus.busctl;
