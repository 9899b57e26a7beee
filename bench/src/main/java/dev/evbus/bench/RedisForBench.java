package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code redis-server} on a Unix socket in a directory under {@code /tmp} (the transport
 * evbus uses), without persistence, and {@code redis-cli} pointed at it. Installed from Debian
 * ({@code redis-server}, which brings {@code redis-tools}) when missing. Closing it kills the server
 * and deletes the directory.
 */
final class RedisForBench implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /** Either both binaries or why they are not available. */
    sealed interface Found {
    }

    /** redis-server and redis-cli, both found. */
    record Binaries(Path server, Path cli) implements Found {
    }

    record Missing(String why) implements Found {
    }

    private final Process process;
    private final Path dir;
    private final Binaries binaries;

    private RedisForBench(Process process, Path dir, Binaries binaries) {
        this.process = process;
        this.dir = dir;
        this.binaries = binaries;
    }

    /** Both binaries, installing the packages when missing and root; otherwise why they are not available. */
    static Found find() throws IOException, InterruptedException {
        DebianTool.Found found = DebianTool.findAll(new DebianTool.Tool("redis-server", "redis-server"),
                new DebianTool.Tool("redis-cli", "redis-tools"));
        if (found instanceof DebianTool.AllAvailable(List<Path> paths)) {
            return new Binaries(paths.get(0), paths.get(1));
        }
        return new Missing(((DebianTool.Missing) found).why());
    }

    /**
     * Starts the server and returns once it answers PING. A subscriber that falls behind is never
     * disconnected ({@code client-output-buffer-limit pubsub 0 0 0}): by default redis drops a
     * subscriber 32 MB behind, and the comparison is with an evbus consumer that reads on.
     */
    static RedisForBench start(Binaries binaries) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "evbr");
        Process process = new ProcessBuilder(binaries.server().toString(), "--port", "0", "--unixsocket",
                dir.resolve("redis.sock").toString(), "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--client-output-buffer-limit", "pubsub 0 0 0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis-server.log").toFile()).start();
        RedisForBench redis = new RedisForBench(process, dir, binaries);
        try {
            ServerScratch.awaitAnswer("redis-server", process, dir.resolve("redis-server.log"), START_TIMEOUT,
                    () -> DebianTool.output(redis.cli("PING"), Duration.ofSeconds(5)).strip().equals("PONG"));
            return redis;
        } catch (IOException | RuntimeException failed) {
            redis.close();
            throw failed;
        }
    }

    /** {@code redis-cli -s SOCKET args...}. */
    ProcessBuilder cli(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.cli().toString(), "-s", dir.resolve("redis.sock").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    Path dir() {
        return dir;
    }

    /** The server's version line ({@code Redis server v=7.0.15 ...}), shortened to its version. */
    String version() throws IOException, InterruptedException {
        String line = DebianTool.output(new ProcessBuilder(binaries.server().toString(), "--version"), Duration.ofSeconds(10));
        for (String word : line.split(" ")) {
            if (word.startsWith("v=")) {
                return word.substring(2);
            }
        }
        return line.strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ServerScratch.stop(process, dir);
    }
}
