/**
 * The per-app daemon: accepts consumers and producers on the app's socket and fans events out
 * between them.
 *
 * <p>{@link dev.evbus.bus.BusDaemon} runs one bus from its lock to its exit: {@code BusInputs}
 * (settings, plugins and key files) read before the socket is bound, {@code BusAssembly} wiring
 * the parts, starting them and stopping them in order, {@code LogUpkeep} opening the retention
 * log, {@code BusTick} running the once-a-second jobs, {@code BusFeeds} (sources and the bridge),
 * {@code BusServer} taking connections, and {@code BusSignals} saying when to stop (or, on SIGHUP,
 * to reload through {@code BusReload}). Every part reads time from the daemon's one
 * {@link dev.evbus.event.TimeSource}.
 * {@code Hub} is the publish path and the consumers' membership, dropping a re-sent event through
 * {@code DedupFilter} (a Caffeine cache, bounded in ids); its {@code EventIntake} is the one way
 * into the log (publish frames, the spool, the sources and the bridge: one check, one default
 * source time); {@code ProducerStream} feeds it a producer's frames, read in place, and wakes the
 * consumers' writers through {@code BurstWakes}; {@code BusStatus} answers a status
 * query; {@code Adoptions} lets {@code evbus serve} take over a bus a consumer started.
 */
package dev.evbus.bus;
