/**
 * Sources inside the bus: what feeds events in besides publishers (HTTP ingestion, a file follower)
 * and the statistics over what it accepts.
 *
 * <p>The contract with the bus: a {@link dev.evbus.sources.Source} publishes through
 * {@link dev.evbus.sources.Ingest} (the bus's own publish path: dedup, retention, routing) and tells a
 * {@link dev.evbus.sources.SourceListener} each change of its {@link dev.evbus.sources.SourceState};
 * the bus answers health and metrics requests as {@link dev.evbus.sources.Monitoring}.
 * {@link dev.evbus.sources.SourcesConfig} is the {@code sources} section of the app's config, each
 * kind read and built by its {@link dev.evbus.sources.SourceFactory};
 * {@link dev.evbus.sources.SourceSet} builds, starts, reports ({@link dev.evbus.sources.SourceReport})
 * and closes them, each apart from the others. {@link dev.evbus.sources.AcceptedEvents} sees every
 * event the bus accepts, for the {@link dev.evbus.sources.StreamStatistics} of the {@code stats}
 * package; {@link dev.evbus.sources.NumbersAsWritten} keeps a payload's numbers as written.
 */
package dev.evbus.sources;
