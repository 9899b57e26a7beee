/** The consumer runtime: subscribe through the app's bus, shape each event with the key's hooks, write NDJSON. */
package dev.evbus.consume;
