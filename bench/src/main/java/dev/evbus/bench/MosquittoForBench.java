package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code mosquitto} broker on a Unix socket in a directory under {@code /tmp} (the
 * transport evbus uses), without persistence, and its two clients pointed at it. Installed from
 * Debian ({@code mosquitto}, {@code mosquitto-clients}) when missing. Closing it kills the broker
 * and deletes the directory.
 */
final class MosquittoForBench implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /** Either the three binaries or why they are not available. */
    sealed interface Found {
    }

    record Binaries(Path broker, Path pub, Path sub) implements Found {
    }

    record Missing(String why) implements Found {
    }

    private final Process process;
    private final Path dir;
    private final Binaries binaries;

    private MosquittoForBench(Process process, Path dir, Binaries binaries) {
        this.process = process;
        this.dir = dir;
        this.binaries = binaries;
    }

    /** The binaries, installing the packages when missing and root; otherwise why they are not available. */
    static Found find() throws IOException, InterruptedException {
        DebianTool.Found found = DebianTool.findAll(new DebianTool.Tool("mosquitto", "mosquitto"),
                new DebianTool.Tool("mosquitto_pub", "mosquitto-clients"), new DebianTool.Tool("mosquitto_sub", "mosquitto-clients"));
        if (found instanceof DebianTool.AllAvailable(List<Path> paths)) {
            return new Binaries(paths.get(0), paths.get(1), paths.get(2));
        }
        return new Missing(((DebianTool.Missing) found).why());
    }

    /**
     * Starts the broker and returns once a publish through it succeeds. As root it keeps root
     * ({@code user root}): it would otherwise drop to the {@code mosquitto} user, which may not
     * write the bench's directory.
     */
    static MosquittoForBench start(Binaries binaries) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "evbm");
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "user " + System.getProperty("user.name") + "\nlistener 0 " + dir.resolve("broker.sock")
                + "\nallow_anonymous true\npersistence false\n");
        Process process = new ProcessBuilder(binaries.broker().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        MosquittoForBench broker = new MosquittoForBench(process, dir, binaries);
        try {
            ServerScratch.awaitAnswer("mosquitto", process, dir.resolve("mosquitto.log"), START_TIMEOUT, () -> {
                DebianTool.output(broker.publish("bench/start", "ping"), Duration.ofSeconds(5));
                return true;
            });
            return broker;
        } catch (IOException | RuntimeException failed) {
            broker.close();
            throw failed;
        }
    }

    /** {@code mosquitto_pub --unix SOCKET -t TOPIC -m MESSAGE}. */
    ProcessBuilder publish(String topic, String message) {
        return client(binaries.pub(), "-t", topic, "-m", message);
    }

    /** {@code mosquitto_sub --unix SOCKET -t TOPIC}: runs until killed. */
    ProcessBuilder subscribe(String topic) {
        return client(binaries.sub(), "-t", topic);
    }

    private ProcessBuilder client(Path binary, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--unix", dir.resolve("broker.sock").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The broker's version, from the first line of its log ({@code mosquitto version 2.0.11 starting}). */
    String version() throws IOException {
        for (String line : Files.readAllLines(dir.resolve("mosquitto.log"))) {
            int at = line.indexOf("mosquitto version ");
            if (at >= 0) {
                return line.substring(at + "mosquitto version ".length()).split(" ")[0];
            }
        }
        return "unknown";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ServerScratch.stop(process, dir);
    }
}
