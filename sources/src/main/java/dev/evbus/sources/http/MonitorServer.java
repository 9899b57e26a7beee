package dev.evbus.sources.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.sources.Monitoring;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bus's own listener for {@code GET /metrics} and {@code GET /health} ({@link MonitorConfig}),
 * for an app without an HTTP source; the same token check and answers as the HTTP source's.
 * Started once, closed once.
 */
public final class MonitorServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MonitorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens and serves; an {@link IOException} naming the address when it cannot listen. */
    public static MonitorServer start(MonitorConfig config, Monitoring monitoring, Clock clock) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(config.listen().resolve(), 0);
        } catch (IOException cannotListen) {
            throw new IOException("cannot listen on " + config.listen().host() + ":" + config.listen().port() + ": "
                    + cannotListen.getMessage(), cannotListen);
        }
        MonitorRoutes routes = new MonitorRoutes(monitoring, clock, clock.instant());
        server.createContext("/", exchange -> handle(exchange, config.token(), routes));
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("evbus-metrics-", 0).factory());
        server.setExecutor(executor);
        server.start();
        return new MonitorServer(server, executor);
    }

    private static void handle(HttpExchange exchange, BearerToken token, MonitorRoutes routes) throws IOException {
        try (exchange) {
            Answer answer;
            String path = exchange.getRequestURI().getPath();
            if (token != null && !token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer = Answer.UNAUTHORIZED;
            } else if (!path.equals("/metrics") && !path.equals("/health")) {
                answer = Answer.message(404, "no such endpoint; this listener serves GET /metrics and GET /health");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                answer = Answer.message(405, "only GET is allowed on " + path, java.util.Map.of("Allow", "GET"));
            } else {
                answer = routes.answer(path);
            }
            answer.send(exchange);
        }
    }

    /** The bound {@code host:port} (the real port when 0 was asked). */
    public String address() {
        return ListenAddress.format(server.getAddress());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
