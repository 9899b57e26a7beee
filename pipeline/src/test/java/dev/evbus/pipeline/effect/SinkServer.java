package dev.evbus.pipeline.effect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint on 127.0.0.1 for sink tests: answers {@code failStatus} to the first
 * {@code failures} requests and 200 after, and records every request it saw.
 */
public final class SinkServer implements AutoCloseable {
    /** One request as the server received it. */
    public record Request(String method, String path, String contentType, String body, int answered) {
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final int failStatus;
    /** Held closed by a server that never answers, until the test closes it. */
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    private SinkServer(int failures, int failStatus) throws IOException {
        this.failuresLeft = new AtomicInteger(failures);
        this.failStatus = failStatus;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = failuresLeft.getAndDecrement() > 0 ? failStatus : 200;
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Fails the first {@code failures} requests with {@code status}, then answers 200. */
    public static SinkServer failingFirst(int failures, int status) throws IOException {
        return new SinkServer(failures, status);
    }

    public static SinkServer alwaysFailing(int status) throws IOException {
        return new SinkServer(Integer.MAX_VALUE, status);
    }

    /** Takes requests but answers none until closed. */
    public static SinkServer silent() throws IOException {
        SinkServer server = new SinkServer(0, 200);
        server.hang = true;
        return server;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> delivered() {
        return requests.stream().filter(request -> request.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
