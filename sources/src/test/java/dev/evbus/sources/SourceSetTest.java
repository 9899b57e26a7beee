package dev.evbus.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSetTest {
    private final List<String> changes = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, FakeSource> built = new LinkedHashMap<>();

    private SourceSet set(Map<String, FakeSource> sources) {
        List<SourcesConfig.Planned> plans = new ArrayList<>();
        sources.forEach((name, source) -> plans.add(new SourcesConfig.Planned(name, name, context -> {
            if (source == null) {
                throw new IllegalStateException("no port\nINFO forged");
            }
            built.put(context.name(), source);
            return source;
        })));
        SourceListener listener = (source, state, detail) -> changes.add(source + " " + state.wireName() + " " + detail);
        return SourceSet.build(new SourcesConfig(Path.of("apps/shop.json"), plans),
                name -> new SourceFactory.Context(name, null, Map.of(), null, listener, warnings::add, Clock.systemUTC()),
                listener, infos::add, warnings::add);
    }

    @Test
    void startsEverySourceAndReportsEachAsItReportsItself() {
        Map<String, FakeSource> sources = new LinkedHashMap<>();
        sources.put("http", FakeSource.working("http"));
        sources.put("file", FakeSource.working("file"));
        SourceSet set = set(sources);
        assertEquals(2, set.start());
        assertEquals(List.of("http", "file"), List.copyOf(built.keySet()));
        assertEquals(List.of(sources.get("http").report(), sources.get("file").report()), set.reports());
        assertEquals(List.of("source \"http\" started: http at \"127.0.0.1:4242\", connected",
                "source \"file\" started: file at \"127.0.0.1:4242\", connected"), infos);
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void oneSourceFailingToStartIsLoggedReportedAndToldWhileTheOthersRun() {
        Map<String, FakeSource> sources = new LinkedHashMap<>();
        sources.put("http", new FakeSource("http", new IOException("Address already in use"), null));
        sources.put("file", FakeSource.working("file"));
        SourceSet set = set(sources);
        assertEquals(1, set.start());
        assertEquals(1, sources.get("file").starts.get());
        assertEquals(List.of("http disconnected did not start: Address already in use"), changes);
        assertEquals(List.of("source \"http\" did not start: \"Address already in use\"; the bus and its other sources go on"),
                warnings);
        SourceReport http = set.reports().getFirst();
        assertEquals(new SourceReport("http", "http", "127.0.0.1:4242", SourceState.DISCONNECTED, 3, 1, 1_700_000_000_000L,
                "did not start: Address already in use"), http);
        assertEquals(SourceState.CONNECTED, set.reports().get(1).state());
    }

    @Test
    void aSourceThatCannotBeBuiltIsReportedAndTheOthersStillStart() {
        Map<String, FakeSource> sources = new LinkedHashMap<>();
        sources.put("http", null);
        sources.put("file", FakeSource.working("file"));
        SourceSet set = set(sources);
        assertEquals(List.of("source \"http\" could not be built: \"no port\\u000aINFO forged\""), warnings);
        assertEquals(1, set.start());
        SourceReport http = set.reports().getFirst();
        assertEquals(SourceState.DISCONNECTED, http.state());
        assertNull(http.address());
        assertEquals("could not be built: no port\nINFO forged", http.detail());
        assertEquals(List.of("http disconnected could not be built: no port\nINFO forged"), changes);
        set.close();
        assertEquals(1, sources.get("file").closes.get());
    }

    @Test
    void closeClosesEverySourceLastFirstEvenWhenOneThrows() {
        Map<String, FakeSource> sources = new LinkedHashMap<>();
        List<String> closed = new ArrayList<>();
        sources.put("http", new FakeSource("http", null, null) {
            @Override
            public void close() {
                closed.add(name);
                super.close();
            }
        });
        sources.put("file", new FakeSource("file", null, new IllegalStateException("stuck")) {
            @Override
            public void close() {
                closed.add(name);
                super.close();
            }
        });
        SourceSet set = set(sources);
        set.start();
        set.close();
        assertEquals(List.of("file", "http"), closed);
        assertEquals(List.of("source \"file\" failed to close: \"stuck\""), warnings);
    }

    @Test
    void aReportThatThrowsBecomesADisconnectedReportNamingTheFault() {
        FakeSource broken = new FakeSource("http", null, null) {
            @Override
            public SourceReport report() {
                throw new IllegalStateException("bug");
            }
        };
        SourceSet set = set(Map.of("http", broken));
        assertEquals(1, set.start());
        assertEquals(new SourceReport("http", "http", null, SourceState.DISCONNECTED, 0, 0, 0, "report failed: bug"),
                set.reports().getFirst());
    }

    @Test
    void anEmptySetStartsNothingAndReportsNothing() {
        SourceSet none = SourceSet.none();
        assertEquals(0, none.start());
        assertEquals(List.of(), none.reports());
        none.close();
    }
}
