/**
 * Unix-domain sockets for the bus, all on the JDK's own channels: where an app's socket lives
 * ({@link dev.evbus.transport.SocketAddresses}), listening and dialling
 * ({@link dev.evbus.transport.UnixSockets}), a client's connection with timeouts and close from any
 * thread ({@link dev.evbus.transport.UnixConnection}), the bus's streams over blocking channels
 * ({@link dev.evbus.transport.ChannelStreams}), and who is on the other end
 * ({@link dev.evbus.transport.PeerCredentials}).
 */
package dev.evbus.transport;
