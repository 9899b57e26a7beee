package dev.evbus.sources;

/**
 * What a load balancer or a monitoring system asks the bus over HTTP: whether it is ready
 * ({@code GET /health}) and its metrics ({@code GET /metrics}). Implemented by the bus; served by
 * the HTTP source's listener and by the bus's own metrics listener. Called from request threads.
 */
public interface Monitoring {
    /** Always ready, no metrics: for a source run outside a bus (its tests). */
    Monitoring NONE = new Monitoring() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public String metrics() {
            return "";
        }
    };

    /** True once the bus's sources (and whatever else it serves) have started. */
    boolean ready();

    /** The bus's metrics in Prometheus's text exposition format, version 0.0.4. */
    String metrics();
}
