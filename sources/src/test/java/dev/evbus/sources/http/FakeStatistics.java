package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.sources.StreamStatistics;
import java.util.concurrent.atomic.AtomicLong;

/** Stream statistics for tests: counts what the source reports and serves fixed documents. */
final class FakeStatistics implements StreamStatistics {
    final AtomicLong filtered = new AtomicLong();
    final AtomicLong processed = new AtomicLong();

    @Override
    public void accepted(String eventType, byte[] payload, long acceptedAtMillis) {
    }

    @Override
    public void filtered(long count) {
        filtered.addAndGet(count);
    }

    @Override
    public void processed(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative processing time " + nanos);
        }
        processed.incrementAndGet();
    }

    @Override
    public ObjectNode aggregations() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("aggregations").addObject().put("count", 3);
        body.put("count", 1);
        return body;
    }

    @Override
    public ObjectNode stats() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("stats").put("totalProcessed", 7);
        body.putObject("metrics");
        body.put("bufferSize", 0);
        return body;
    }
}
