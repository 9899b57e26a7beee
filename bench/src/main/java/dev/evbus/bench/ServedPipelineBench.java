package dev.evbus.bench;

import com.sun.net.httpserver.HttpServer;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event-processing recipe run two ways on the same events, to a local webhook that answers at
 * once: served by the bus ({@code pipelines} in the app's config, a process the bus supervises)
 * and by a {@code consume events.processed} process, as before. Each run reports events per
 * second to the webhook, the bus's CPU per event and the pipeline process's CPU per event.
 * {@code order.placed} events only, so no call goes to the app's API.
 */
final class ServedPipelineBench {
    private static final String KEY = "events.processed";
    private static final Duration DELIVERY_PATIENCE = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final List<String> EVENTS = List.of(
            "{\"id\":\"o-1\",\"type\":\"order.placed\",\"source\":\"shop\",\"timestamp\":1767225600000,\"data\":{\"total\":5}}",
            "{\"id\":\"o-2\",\"type\":\"order.placed\",\"source\":\"shop\",\"timestamp\":1767225601000,\"data\":{\"total\":7}}");

    private enum Mode {
        SERVED("served by the bus"), CONSUMED("run by a consume process");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private ServedPipelineBench() {
    }

    static void run(Path root, long events, Cleanup scope, Report report) throws Exception {
        double[] rates = new double[Mode.values().length];
        for (Mode mode : Mode.values()) {
            rates[mode.ordinal()] = once(root, events, mode, scope, report);
        }
        report.note(String.format(Locale.ROOT, "served / consume rate: %.2f×; the same stages, sinks and webhook, and "
                + "the webhook answers each POST at once, so the rate is the pipeline's own", rates[0] / rates[1]));
    }

    private static double once(Path root, long events, Mode mode, Cleanup scope, Report report)
            throws Exception {
        Webhook webhook = scope.register(new Webhook());
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        Path keys = Files.createDirectories(home.home().resolve("keys"));
        Files.copy(root.resolve("examples/event-processing/events-processed.yaml"), keys.resolve("events-processed.yaml"));
        String params = "\"webhook\": \"" + webhook.url() + "\", \"metrics_every\": \"1h\"";
        Files.createDirectories(home.home().resolve("apps"));
        Files.writeString(home.home().resolve("apps/default.json"), "{\"retention\": {\"durable\": true}"
                + (mode == Mode.SERVED ? ", \"pipelines\": [{\"name\": \"recipe\", \"key\": \"" + KEY + "\", \"params\": {"
                + params + "}}]" : "") + "}\n");
        Process runner = mode == Mode.SERVED
                ? home.command("serve").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start()
                : home.command("consume", KEY, "-p", "webhook=" + webhook.url(), "-p", "metrics_every=1h", "--quiet")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        scope.register(runner::destroyForcibly);
        BusStatus status = BusStatus.awaitConsumers(home, 1, Duration.ofSeconds(60));
        long busPid = status.pid();
        long pipelinePid = status.consumers().get(0).pid();
        long busCpu = CpuTime.nanos(busPid);
        long pipelineCpu = CpuTime.nanos(pipelinePid);
        long start = System.nanoTime();
        BenchPublisher.rotating(status.socket(), "order.placed", EVENTS).flatOut(events);
        long deadline = start + DELIVERY_PATIENCE.toNanos();
        while (webhook.received() < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the webhook got " + webhook.received() + " of " + events + " events in "
                        + DELIVERY_PATIENCE);
            }
            Poll.pause(POLL);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double busPerEvent = (CpuTime.nanos(busPid) - busCpu) / 1e3 / events;
        double pipelinePerEvent = (CpuTime.nanos(pipelinePid) - pipelineCpu) / 1e3 / events;
        double rate = events / seconds;
        report.measured("recipe " + mode.label + ": " + events + " order.placed events to a local webhook",
                Report.rate(rate) + String.format(Locale.ROOT, "; bus CPU %.1f µs per event, pipeline process CPU %.1f µs"
                        + " per event", busPerEvent, pipelinePerEvent));
        return rate;
    }

    /** A webhook on a loopback port that answers every POST with 200 at once and counts them. */
    private static final class Webhook implements AutoCloseable {
        private final HttpServer server;
        private final AtomicLong received = new AtomicLong();

        Webhook() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        long received() {
            return received.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
