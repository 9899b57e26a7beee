/**
 * The bus's metrics in Prometheus's text exposition format: {@link dev.evbus.bus.metrics.Exposition}
 * writes families (checked names, escaped label values), {@link dev.evbus.bus.metrics.MetricsRegistry}
 * asks each {@link dev.evbus.bus.metrics.Collector} on a scrape: {@link dev.evbus.bus.metrics.BusMetrics}
 * (events per type, the log, consumers, cursors, sources and the bridge, from the same snapshot
 * {@code status} answers with) and {@link dev.evbus.bus.metrics.ProcessMetrics}. A new section is one
 * more collector.
 */
package dev.evbus.bus.metrics;
