package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Ends a server the bench started (nats-server, redis-server) and removes its scratch directory. */
final class ServerScratch {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private ServerScratch() {
    }

    /** Asks the server to stop, kills it if it has not within the timeout, then deletes {@code dir}. */
    static void stop(Process process, Path dir) throws IOException, InterruptedException {
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
}
