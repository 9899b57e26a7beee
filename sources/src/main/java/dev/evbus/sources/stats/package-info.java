/**
 * The stream statistics behind the HTTP source's {@code GET /aggregations} and {@code GET /stats}
 * (SPEC §12): sliding windows over every event the bus accepts, kept as a ring of per-interval
 * slices so that feeding an event touches one slice and a query merges a bounded number of them.
 * Every structure whose size input decides is capped (sources and types per slice, text length,
 * metric keys, sketch buckets, slices).
 */
package dev.evbus.sources.stats;
