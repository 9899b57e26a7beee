/**
 * The bridge between an app's bus and NATS JetStream: local events out, other hosts' (and plain NATS
 * clients') events in, once each. Main types: {@link NatsBridge}, {@link Exporter}, {@link Importer},
 * {@link Arrival} (what an incoming message is), {@link NatsBridgeConfig}.
 */
package dev.evbus.bridge;
