package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.testkit.EvbusRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on a jar rebuilt after its AOT caches were trained: it runs without them, says so
 * on a terminal, and changes nothing a script reads. Runs a copy of the launcher and the jar, so
 * the real caches, which the other end-to-end tests start from, are left alone.
 */
class StaleCacheHintIT {
    private static final String HINT = "evbus: hint: the AOT caches are older than the jar";

    @TempDir
    Path install;

    @BeforeEach
    void installWithAStaleCache() throws IOException {
        Path root = EvbusRoot.find();
        Files.createDirectories(install.resolve("bin/lib"));
        for (String script : List.of("bin/evbus", "bin/lib/find-jdk.sh", "bin/lib/jvm-flags.sh")) {
            Files.copy(root.resolve(script), install.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path jar = install.resolve("cli/target/evbus.jar");
        Files.createDirectories(install.resolve("cli/target/aot"));
        Files.copy(root.resolve("cli/target/evbus.jar"), jar);
        // `--version`'s cache, as bin/build names it for this runtime; its content is never read when stale
        Path cache = install.resolve("cli/target/aot/version-" + runtimeVersion() + ".aot");
        Files.writeString(cache, "trained on an older jar");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    }

    @Test
    void aTerminalIsToldToRetrainTheCachesAndTheCommandStillRuns() throws Exception {
        // script(1) gives the launcher a terminal on stdout and stderr alike
        Run run = run("script", "-qec", install.resolve("bin/evbus") + " --version", "/dev/null");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains(HINT + ", so commands start about twice as slow; run "
                + install.resolve("bin/build") + " --aot-only"), run.output());
        assertTrue(run.output().contains(version()), run.output());
    }

    @Test
    void aScriptReadsNoHintOnItsStderr() throws Exception {
        Run run = run(install.resolve("bin/evbus").toString(), "--version");
        assertEquals(0, run.exit(), run.output());
        assertEquals(version(), run.output());
    }

    /** What the checkout's own launcher prints for {@code --version}, with its caches as they are. */
    private static String version() throws Exception {
        return run(EvbusRoot.find().resolve("bin/evbus").toString(), "--version").output();
    }

    private record Run(int exit, String output) {
    }

    /** Runs with stdout and stderr in one pipe, and JAVA_HOME naming the JDK this test runs on. */
    private static Run run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + String.join(" ", command));
        return new Run(process.exitValue(), output);
    }

    /** The runtime's JAVA_RUNTIME_VERSION, which the launcher puts in every cache's name. */
    private static String runtimeVersion() throws IOException {
        for (String line : Files.readAllLines(Path.of(System.getProperty("java.home"), "release"))) {
            if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
                return line.substring("JAVA_RUNTIME_VERSION=".length()).replace("\"", "");
            }
        }
        throw new IllegalStateException("no JAVA_RUNTIME_VERSION in the runtime's release file");
    }
}
