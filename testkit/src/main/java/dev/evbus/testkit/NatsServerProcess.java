package dev.evbus.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server -js} on a loopback port with its store in a given directory: it can be
 * stopped (SIGTERM), killed (SIGKILL) and started again on the same port and store. Tests fail,
 * never skip, when the binary is missing; the bench installs it first or says why it cannot.
 */
public final class NatsServerProcess implements AutoCloseable {
    private final Path store;
    private final int port;
    private final List<String> extra;
    private Process process;

    public NatsServerProcess(Path store, int port, List<String> extra) {
        this.store = store;
        this.port = port;
        this.extra = List.copyOf(extra);
    }

    /** A single server on a free port, started. */
    public static NatsServerProcess started(Path dir) throws IOException, InterruptedException {
        NatsServerProcess server = new NatsServerProcess(dir.resolve("nats"), freePort(), List.of());
        server.start();
        return server;
    }

    /** Three servers routed to each other on loopback ports (one JetStream cluster), started. */
    public static List<NatsServerProcess> cluster(Path dir) throws IOException, InterruptedException {
        int[] clusterPorts = {freePort(), freePort(), freePort()};
        List<NatsServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> routes = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    routes.add("nats://127.0.0.1:" + clusterPorts[j]);
                }
            }
            nodes.add(new NatsServerProcess(dir.resolve("nats-" + i), freePort(), List.of("--name", "n" + i,
                    "--cluster_name", "evbus-test", "--cluster", "nats://127.0.0.1:" + clusterPorts[i],
                    "--routes", String.join(",", routes))));
        }
        for (NatsServerProcess node : nodes) {
            node.start();
        }
        return nodes;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The binary on PATH, else Debian's /usr/sbin; a clear failure when neither has it. */
    public static Path binary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("nats-server is not installed (not on PATH, not in /usr/sbin): these tests need a real"
                + " server; install it with `apt-get install nats-server`");
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** The running server's process id (for reading its CPU time and memory). */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("nats-server on port " + port + " is not running");
        }
        return process.pid();
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(store);
        List<String> command = new ArrayList<>(List.of(binary().toString(), "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "-sd", store.toString()));
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(store.resolveSibling(store.getFileName() + ".log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + "; see " + store + ".log");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nats-server did not accept on port " + port + " within 20 s");
            }
            Thread.sleep(20); // polling the port: the condition is checked each turn
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGTERM, and waits for the exit. */
    public void stop() throws InterruptedException {
        end(false);
    }

    /** SIGKILL, and waits for the exit. */
    public void kill() throws InterruptedException {
        end(true);
    }

    private void end(boolean force) throws InterruptedException {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
