package dev.evbus.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code nats-server -js} on a free loopback port, its JetStream store in a private
 * directory under {@code /tmp}. The binary is looked up on the PATH and in Debian's
 * {@code /usr/sbin}, and installed from Debian when missing and the bench runs as root; otherwise
 * {@link #find} says why the bridge figures are skipped. Closing it kills the server and deletes
 * the directory.
 */
final class NatsServerForBench implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path dir;
    private final int port;

    private NatsServerForBench(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** nats-server as installed (PATH or /usr/sbin), else installed from Debian when root, else why not. */
    static DebianTool.Found find() throws IOException, InterruptedException {
        return DebianTool.find("nats-server", "nats-server");
    }

    /** Starts {@code binary -js} and returns once it accepts connections. */
    static NatsServerForBench start(Path binary) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "evbn");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(binary.toString(), "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-sd", dir.resolve("store").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nats-server.log").toFile()).start();
        NatsServerForBench server = new NatsServerForBench(process, dir, port);
        try {
            server.awaitAccepting();
            return server;
        } catch (IOException | RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    private void awaitAccepting() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nats-server exited " + process.exitValue() + ": " + logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nats-server did not accept on port " + port + " within "
                            + START_TIMEOUT + ": " + logTail());
                }
                BusHome.sleep(Duration.ofMillis(20)); // polling the port: the condition is checked each turn
            }
        }
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("nats-server.log"), StandardCharsets.UTF_8);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** The server's version line ({@code nats-server: v2.9.10}). */
    static String version(Path binary) throws IOException, InterruptedException {
        return DebianTool.output(new ProcessBuilder(binary.toString(), "--version"), Duration.ofSeconds(10)).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ServerScratch.stop(process, dir);
    }
}
