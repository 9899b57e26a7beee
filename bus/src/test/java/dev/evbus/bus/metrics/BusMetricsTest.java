package dev.evbus.bus.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusMetricsTest {
    private static final StatusParts.LogStatus LOG = new StatusParts.LogStatus(1, 10, 2048, 10, 1500, 1 << 20, 60_000, false, 0);

    private static String scrape(Message.StatusResponse status, List<TypeCounts> types) {
        Exposition out = new Exposition();
        new BusMetrics(() -> new BusSnapshot(status, types)).collect(out);
        return out.text();
    }

    private static Message.StatusResponse status(List<StatusParts.ConsumerStatus> consumers, List<StatusParts.SourceSummary> sources,
                                                 Map<String, Long> unmatched) {
        return new Message.StatusResponse(7, "app", "0.1.0", "2026-01-01T00:00:00Z", 5, 2, 10, 1, 1, consumers, LOG,
                List.of(new StatusParts.CursorStatus("c1", "raw", "s1", 4, 6, 0, "2026-01-01T00:00:00Z")), sources, null, unmatched);
    }

    @Test
    void perTypeCountsNameTheSharedBucketOther() {
        String text = scrape(status(List.of(), List.of(), Map.of("odd.thing", 3L, "*", 4L)),
                List.of(new TypeCounts("*", 9, 1, 0), new TypeCounts("order.created", 1, 0, 1)));

        assertTrue(text.contains("evbus_events_accepted_total{type=\"other\"} 9\n"), text);
        assertTrue(text.contains("evbus_events_accepted_total{type=\"order.created\"} 1\n"), text);
        assertTrue(text.contains("evbus_events_duplicates_total{type=\"other\"} 1\n"), text);
        assertTrue(text.contains("evbus_events_rejected_total{type=\"order.created\"} 1\n"), text);
        assertTrue(text.contains("evbus_events_unmatched_total{type=\"odd.thing\"} 3\n"), text);
        assertTrue(text.contains("evbus_events_unmatched_total{type=\"other\"} 4\n"), text);
    }

    @Test
    void aConsumersLagIsTheLogEndMinusItsPositionAndItsStateIsOneGaugePerState() {
        StatusParts.ConsumerStatus reading = new StatusParts.ConsumerStatus(41, "raw", "s1", List.of("*"), 8, 0, 9, null, null);
        StatusParts.ConsumerStatus dropping = new StatusParts.ConsumerStatus(42, "raw", "s2", List.of("*"), 3, 5, 11,
                "retention.max_bytes", null);
        String text = scrape(status(List.of(reading, dropping), List.of(), Map.of()), List.of());

        String first = "{key=\"raw\",subscription=\"s1\",pid=\"41\"";
        assertTrue(text.contains("evbus_consumer_received_total" + first + "} 8\n"), text);
        assertTrue(text.contains("evbus_consumer_lag" + first + "} 2\n"), "log end 11 minus position 9: " + text);
        assertTrue(text.contains("evbus_consumer_lag{key=\"raw\",subscription=\"s2\",pid=\"42\"} 0\n"), text);
        assertTrue(text.contains("evbus_consumer_dropped_total{key=\"raw\",subscription=\"s2\",pid=\"42\"} 5\n"), text);
        assertTrue(text.contains("evbus_consumer_state" + first + ",state=\"reading\"} 1\n"), text);
        assertTrue(text.contains("evbus_consumer_state{key=\"raw\",subscription=\"s2\",pid=\"42\",state=\"dropping\"} 1\n"), text);
        assertTrue(text.contains("evbus_cursor_lag{cursor=\"c1\",key=\"raw\",subscription=\"s1\"} 6\n"), text);
        assertTrue(text.contains("evbus_log_oldest_age_seconds 1.5\n"), text);
    }

    @Test
    void aSourcesStateIsOneForItsCurrentStateAndUpWhenConnected() {
        String text = scrape(status(List.of(), List.of(new StatusParts.SourceSummary("file", "file", "/x", "stalled", 4, 2, 0, null)),
                Map.of()), List.of());

        assertTrue(text.contains("evbus_source_up{source=\"file\",kind=\"file\"} 0\n"), text);
        assertTrue(text.contains("evbus_source_state{source=\"file\",kind=\"file\",state=\"stalled\"} 1\n"), text);
        assertTrue(text.contains("evbus_source_state{source=\"file\",kind=\"file\",state=\"connected\"} 0\n"), text);
        assertTrue(text.contains("evbus_source_events_in_total{source=\"file\",kind=\"file\"} 4\n"), text);
        assertTrue(text.contains("evbus_source_errors_total{source=\"file\",kind=\"file\"} 2\n"), text);
    }

    @Test
    void aServedPipelineShowsItsStateRestartsLagAndCounts() {
        Message.StatusResponse status = new Message.StatusResponse(7, "app", "0.1.0", "2026-01-01T00:00:00Z", 5, 2, 10, 1, 1,
                List.of(), LOG, List.of(), List.of(), null, Map.of(), List.of(new StatusParts.PipelineStatus("recipe",
                        "events.processed", "restarting", 300, 2, 5, 4, new StatusParts.PipelineCounts(12, 2, 1, 1), null)));
        String text = scrape(status, List.of());

        String labels = "{pipeline=\"recipe\",key=\"events.processed\"";
        assertTrue(text.contains("evbus_pipeline_state" + labels + ",state=\"restarting\"} 1\n"), text);
        assertTrue(text.contains("evbus_pipeline_state" + labels + ",state=\"running\"} 0\n"), text);
        assertTrue(text.contains("evbus_pipeline_restarts_total" + labels + "} 2\n"), text);
        assertTrue(text.contains("evbus_pipeline_lag" + labels + "} 4\n"), text);
        assertTrue(text.contains("evbus_pipeline_processed_total" + labels + "} 12\n"), text);
        assertTrue(text.contains("evbus_pipeline_dead_lettered_total" + labels + "} 1\n"), text);
    }
}
