package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.sources.SourceState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP source on 127.0.0.1:0 with a fake bus, and a JDK client for it. Every test in this JVM
 * uses the same {@code read_timeout} and {@code max_connections}: the JDK server reads them once
 * per JVM (see {@link ServerProperties}), so the first source's values hold for all.
 */
final class RunningSource implements AutoCloseable {
    static final String SHARED = "\"read_timeout\": \"1s\", \"max_connections\": 2000";
    static final String TOKEN = "s3cret-token";
    static final Map<String, String> ENV = Map.of("TEST_INGEST_TOKEN", TOKEN);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    record Change(String source, SourceState state, String detail) {
    }

    final FakeIngest ingest = new FakeIngest();
    final FakeStatistics statistics = new FakeStatistics();
    final List<Change> changes = new ArrayList<>();
    final TestClock clock = new TestClock(START);
    /** Whether the bus this source is in says it is ready; {@code /metrics} answers {@link #METRICS}. */
    final java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean(true);
    static final String METRICS = "# HELP up_test A test gauge.\n# TYPE up_test gauge\nup_test 1\n";
    final HttpSource source;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final URI base;

    /** {@code extraFields}: more members of the {@code sources.http} object, such as {@code "max_body": "1KiB"}. */
    RunningSource(String extraFields) throws IOException {
        String json = "{\"listen\": \"127.0.0.1:0\", " + SHARED + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}";
        HttpSourceConfig config = HttpSourceConfig.read(Path.of("apps/test.json"), MAPPER.readTree(json), ENV::get);
        source = new HttpSource(config, ingest, statistics,
                (name, state, detail) -> {
                    synchronized (changes) {
                        changes.add(new Change(name, state, detail));
                    }
                }, new dev.evbus.sources.Monitoring() {
                    @Override
                    public boolean ready() {
                        return ready.get();
                    }

                    @Override
                    public String metrics() {
                        return METRICS;
                    }
                }, clock, System::nanoTime);
        source.start();
        base = URI.create("http://" + source.address());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        source.close();
        client.close();
    }
}
