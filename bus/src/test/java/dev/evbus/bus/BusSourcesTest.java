package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.sources.AcceptedEvents;
import dev.evbus.sources.Ingest;
import dev.evbus.sources.Source;
import dev.evbus.sources.SourceFactory;
import dev.evbus.sources.SourceReport;
import dev.evbus.sources.SourceState;
import dev.evbus.sources.SourcesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seam between the bus and its sources, with a source made for the test: what it publishes, says and reports. */
class BusSourcesTest {
    private final MemoryHub bus = new MemoryHub();
    private final RetentionLog events = bus.events;
    private final BusLog log = bus.log;
    private final Hub hub = bus.hub;
    private final List<String> watched = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeLog() {
        bus.close();
    }

    /** On start: says connecting, publishes one event twice (once a duplicate), says connected. */
    private final class Ticker implements Source {
        private final SourceFactory.Context context;
        private volatile long eventsIn;

        Ticker(SourceFactory.Context context) {
            this.context = context;
        }

        @Override
        public void start() {
            context.listener().changed(context.name(), SourceState.CONNECTING, null);
            for (int i = 0; i < 2; i++) {
                if (context.ingest().publish("tick", "t-1", null, "{\"n\":1}".getBytes()) == Ingest.Outcome.ACCEPTED) {
                    eventsIn++;
                }
            }
            context.ingest().wake();
            context.listener().changed(context.name(), SourceState.CONNECTED, "ticking");
        }

        @Override
        public SourceReport report() {
            return new SourceReport(context.name(), "ticker", "every second", SourceState.CONNECTED, eventsIn, 0, 0, null);
        }

        @Override
        public void close() {
            context.listener().changed(context.name(), SourceState.DISCONNECTED, "closed");
        }
    }

    private SourcesConfig config() throws Exception {
        SourceFactory ticker = (section, field, file) -> new SourceFactory.Plan() {
            @Override
            public Source build(SourceFactory.Context context) {
                return new Ticker(context);
            }

            @Override
            public AcceptedEvents watches() {
                return (type, payload, at) -> watched.add(type);
            }
        };
        return SourcesConfig.read(Path.of("apps/t.json"), new ObjectMapper().readTree("{\"ticker\": {}}"),
                Map.of("ticker", ticker));
    }

    @Test
    void aSourcesEventsTakeThePublishPathItsWatcherSeesThemAndItsChangesAreLoggedAndReported() throws Exception {
        try (BusSources sources = BusSources.wire(config(), hub, events, null, Map.of(), log,
                dev.evbus.sources.Monitoring.NONE, Clock.systemUTC())) {
            assertEquals(1, sources.configured());
            assertEquals(1, sources.start());
            assertEquals(1, events.status().events());
            assertEquals(1, hub.counts.total().duplicates());
            assertEquals(List.of("tick"), watched, "the watcher sees the accepted event, not the duplicate");
            hub.intake.publish("order.placed", "o-1", "1", "{}".getBytes(), false);
            assertEquals(List.of("tick", "order.placed"), watched, "and what producers publish too");
            assertEquals(List.of(new SourceReport("ticker", "ticker", "every second", SourceState.CONNECTED, 1, 0, 0, null)),
                    sources.reports());
        }
        String lines = bus.logText();
        for (String line : List.of("INFO source \"ticker\" connecting\n", "INFO source \"ticker\" connected: \"ticking\"\n",
                "INFO source \"ticker\" started: ticker at \"every second\", connected\n",
                "INFO source \"ticker\" disconnected: \"closed\"\n")) {
            assertTrue(lines.contains(line), line + " in\n" + lines);
        }
    }
}
