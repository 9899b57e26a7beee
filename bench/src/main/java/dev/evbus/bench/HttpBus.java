package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code evbus serve} in a private home whose default app has an HTTP source on a free
 * loopback port, run the way the README's systemd unit runs it (the launcher execs the bus with
 * its own JVM flags). Closing it stops the process with SIGTERM and then the home.
 */
final class HttpBus implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Evbus home;
    private final Process serve;
    private final StderrWatch log;
    private final long pid;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    private HttpBus(Evbus home, Process serve, StderrWatch log, long pid, URI base) {
        this.home = home;
        this.serve = serve;
        this.log = log;
        this.pid = pid;
        this.base = base;
    }

    /** Starts {@code evbus serve} and returns once its HTTP source is connected. */
    static HttpBus start(Path root) throws IOException {
        Evbus home = Evbus.keepingSettings(root, "10m");
        Process serve = null;
        try {
            home.writeAppConfig("{\"sources\":{\"http\":{\"listen\":\"127.0.0.1:0\"}}}\n");
            ProcessBuilder builder = home.command("serve").redirectOutput(ProcessBuilder.Redirect.DISCARD);
            serve = builder.start();
            StderrWatch log = new StderrWatch(serve.getErrorStream());
            Thread.ofPlatform().daemon().name("serve-stderr-" + serve.pid()).start(log);
            JsonNode bus = awaitSource(home, serve, log);
            URI base = URI.create("http://" + bus.path("sources").path(0).path("address").asText() + "/");
            return new HttpBus(home, serve, log, bus.path("pid").asLong(), base);
        } catch (IOException | RuntimeException | AssertionError failed) {
            if (serve != null) {
                serve.destroyForcibly();
            }
            home.close();
            throw failed;
        }
    }

    /** Polls {@code status --json} until the bus lists its HTTP source as connected; fails early if serve exits. */
    private static JsonNode awaitSource(Evbus home, Process serve, StderrWatch log) {
        return home.awaitStatus(START_TIMEOUT, "evbus serve's HTTP source to be connected", bus -> {
            if (!serve.isAlive()) {
                throw new IllegalStateException("evbus serve exited " + serve.exitValue() + ": " + log.tail());
            }
            return bus.path("state").asText().equals("running")
                    && bus.path("sources").path(0).path("state").asText().equals("connected");
        });
    }

    Evbus home() {
        return home;
    }

    /** The bus's process (the {@code evbus serve} JVM itself). */
    long pid() {
        return pid;
    }

    /** {@code http://host:port/} of the HTTP source. */
    URI base() {
        return base;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** {@code stats.totalProcessed} from {@code GET /stats}: the events the source has published. */
    long processed() throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /stats answered " + answer.statusCode() + ": " + answer.body());
        }
        return json.readTree(answer.body()).path("stats").path("totalProcessed").asLong();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            serve.destroy();
            if (!serve.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                serve.destroyForcibly();
                serve.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            client.close();
            home.close();
        }
    }
}
