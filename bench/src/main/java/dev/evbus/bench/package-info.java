/**
 * The benchmark: starts the built product ({@code bin/evbus}) against a private home and measures
 * throughput, latency, start-up time and the daemon's memory, next to what the machine's Unix
 * sockets carry on their own. Run it with {@code bench/run}; it is not part of the test suite.
 */
package dev.evbus.bench;
