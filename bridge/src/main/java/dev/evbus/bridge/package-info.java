/** The bridge between an app's bus and NATS JetStream: local events out, other hosts' events in, once each. */
package dev.evbus.bridge;
