package dev.evbus.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Either the nats-server binary to run or why there is none. */
    sealed interface Found {
    }

    record Available(Path binary) implements Found {
    }

    record Missing(String why) implements Found {
    }

    private final Process process;
    private final Path dir;
    private final int port;

    private NatsServerForBench(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** nats-server on the PATH or in /usr/sbin, else installed with apt-get when root, else the reason there is none. */
    static Found find() throws IOException, InterruptedException {
        Path found = installed();
        if (found != null) {
            return new Available(found);
        }
        if (!"0".equals(output(new ProcessBuilder("id", "-u"), Duration.ofSeconds(10)).strip())) {
            return new Missing("nats-server is not installed and the bench is not root, so it cannot"
                    + " `apt-get install -y nats-server`");
        }
        System.err.println("bench: nats-server is missing: apt-get install -y nats-server...");
        ProcessBuilder install = new ProcessBuilder("apt-get", "install", "-y", "nats-server");
        install.environment().put("DEBIAN_FRONTEND", "noninteractive");
        String out;
        try {
            out = output(install, INSTALL_TIMEOUT);
        } catch (IOException failed) {
            return new Missing("nats-server is not installed and `apt-get install -y nats-server` failed: "
                    + failed.getMessage());
        }
        found = installed();
        if (found != null) {
            return new Available(found);
        }
        String[] lines = out.strip().split("\n");
        return new Missing("`apt-get install -y nats-server` did not install it: " + lines[lines.length - 1]);
    }

    private static Path installed() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
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
        return output(new ProcessBuilder(binary.toString(), "--version"), Duration.ofSeconds(10)).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Runs a command to its end, stdout and stderr together; an IOException when it fails or hangs. */
    private static String output(ProcessBuilder command, Duration timeout) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command.command()) + " did not finish in " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.command()) + " exited " + process.exitValue() + ": "
                    + new String(out, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
