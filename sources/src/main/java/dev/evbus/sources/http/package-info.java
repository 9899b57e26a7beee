/**
 * The HTTP source (SPEC §12): the JDK's {@code com.sun.net.httpserver} serving {@code POST /events},
 * {@code POST /events/batch}, {@code GET /aggregations}, {@code GET /stats} and {@code GET /health},
 * publishing through {@link dev.evbus.sources.Ingest} exactly like {@code evbus publish}.
 *
 * <p>Concurrency: the server's dispatcher thread accepts and selects; each request runs on its own
 * virtual thread, and a connection has at most one request running, so running requests are bounded
 * by {@code max_connections}. Request bodies held in memory are bounded in bytes by
 * {@code max_buffered} over all requests together. Counters are atomics; nothing else is shared.
 */
package dev.evbus.sources.http;
