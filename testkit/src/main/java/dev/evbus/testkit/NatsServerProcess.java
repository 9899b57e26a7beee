package dev.evbus.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Three servers routed to each other on loopback ports, returned once they are one JetStream
     * cluster: every node routed to the other two and agreeing on a metadata leader of a
     * three-node group, read from each node's monitoring port. A started process is not yet a
     * cluster, and a stream of three replicas is refused ("no suitable peers") until it is.
     */
    public static List<NatsServerProcess> cluster(Path dir) throws IOException, InterruptedException {
        int[] ports = distinctFreePorts(9); // per node: clients, routes, monitoring
        List<NatsServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> routes = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    routes.add("nats://127.0.0.1:" + ports[3 + j]);
                }
            }
            nodes.add(new NatsServerProcess(dir.resolve("nats-" + i), ports[i], List.of("--name", "n" + i,
                    "--cluster_name", "evbus-test", "--cluster", "nats://127.0.0.1:" + ports[3 + i],
                    "--routes", String.join(",", routes), "-m", String.valueOf(ports[6 + i]))));
        }
        for (NatsServerProcess node : nodes) {
            node.start();
        }
        awaitCluster(nodes, List.of(ports[6], ports[7], ports[8]));
        return nodes;
    }

    private static void awaitCluster(List<NatsServerProcess> nodes, List<Integer> monitorPorts) throws InterruptedException {
        Poll.until(Duration.ofSeconds(30), "the three nats-servers to form one JetStream cluster", () -> {
            for (int monitor : monitorPorts) {
                String routes = monitoring(monitor, "/routez");
                String jetStream = monitoring(monitor, "/jsz");
                if (!routes.matches("(?s).*\"num_routes\":\\s*2\\b.*") || !jetStream.matches("(?s).*\"leader\":\\s*\"n[0-2]\".*")
                        || !jetStream.matches("(?s).*\"cluster_size\":\\s*3\\b.*")) {
                    return false;
                }
            }
            return true;
        }, () -> nodes.stream().map(NatsServerProcess::logTail).reduce("", String::concat));
    }

    /** A monitoring endpoint's body; empty while the server does not answer. */
    private static String monitoring(int port, String path) {
        try (InputStream in = URI.create("http://127.0.0.1:" + port + path).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException notYet) {
            return "";
        }
    }

    /** The last lines of this server's log, for a failure message. */
    String logTail() {
        Path log = store.resolveSibling(store.getFileName() + ".log");
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- " + log + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException unreadable) {
            return "\n--- " + log + ": " + unreadable.getMessage();
        }
    }

    /** Free loopback ports, no two the same (each is free when picked, not reserved). */
    private static int[] distinctFreePorts(int count) throws IOException {
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(freePort());
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
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
