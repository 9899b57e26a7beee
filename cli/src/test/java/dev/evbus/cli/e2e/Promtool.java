package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker of the exposition format and its naming rules ({@code promtool check
 * metrics}, Debian package {@code prometheus}). Tests fail, never skip, when it is missing: CI
 * installs it.
 */
final class Promtool {
    private Promtool() {
    }

    /** Fails the test with promtool's findings unless {@code exposition} passes {@code promtool check metrics}. */
    static void assertPasses(String exposition) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(binary().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String findings = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(Poll.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            check.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish");
        }
        assertEquals(0, check.exitValue(), "promtool check metrics: " + findings + "\n--- the exposition\n" + exposition);
    }

    /** On PATH, else Debian's /usr/bin; a clear failure when neither has it. */
    static Path binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("promtool is not installed (not on PATH, not in /usr/bin): the metrics tests check"
                + " the exposition with it; install it with `apt-get install prometheus`");
    }
}
