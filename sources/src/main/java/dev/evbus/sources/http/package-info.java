/**
 * The HTTP source (SPEC §12): the JDK's {@code com.sun.net.httpserver} serving {@code POST /events},
 * {@code POST /events/batch}, {@code GET /aggregations}, {@code GET /stats}, {@code GET /health} and
 * {@code GET /metrics}, publishing through {@link dev.evbus.sources.Ingest} exactly like {@code evbus publish}.
 * {@link dev.evbus.sources.http.MonitorServer} serves only health and metrics, on the {@code metrics}
 * listener ({@link dev.evbus.sources.http.MonitorConfig}) of an app without an HTTP source; both
 * answer them with {@link dev.evbus.sources.http.MonitorRoutes} from the bus's
 * {@link dev.evbus.sources.Monitoring}.
 *
 * <p>Concurrency: the server's dispatcher thread accepts and selects; each request runs on its own
 * virtual thread, and a connection has at most one request running, so running requests are bounded
 * by {@code max_connections}. Request bodies held in memory are bounded in bytes by
 * {@code max_buffered} over all requests together. Counters are atomics; nothing else is shared.
 */
package dev.evbus.sources.http;
