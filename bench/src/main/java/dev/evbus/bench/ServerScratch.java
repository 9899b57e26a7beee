package dev.evbus.bench;

import dev.evbus.testkit.ScratchDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ends a server the bench started (redis-server) and removes its scratch directory. */
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
            ScratchDir.delete(dir);
        }
    }
}
