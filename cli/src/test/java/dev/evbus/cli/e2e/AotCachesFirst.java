package dev.evbus.cli.e2e;

import dev.evbus.testkit.EvbusRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Trains the launcher's AOT caches on the jar the build just made ({@code bin/build --aot-only}),
 * once, before the first end-to-end test: every test launches {@code bin/evbus}, about a thousand
 * JVMs in all, and each then starts as a user's does after {@code bin/build}, in half the CPU time.
 * The failsafe run registers it for every class (extension autodetection) and turns it on with
 * {@code -Devbus.it.aotTraining=true}; a run of chosen tests ({@code -Dit.test}) leaves it off. The
 * test JVMs (forks) share one lock file: the first trains, the others wait for it and find the jar
 * trained. A JDK older than 25 trains nothing, and the tests run without caches.
 */
public final class AotCachesFirst implements BeforeAllCallback {
    private static final long TRAINING_PATIENCE_MINUTES = 10;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (Boolean.getBoolean("evbus.it.aotTraining")) {
            // once per test JVM: the root store outlives every class
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(AotCachesFirst.class, type -> trainOnce(EvbusRoot.find()), Object.class);
        }
    }

    /** Trains unless another test JVM already trained this very jar; returns what it found or did. */
    private static String trainOnce(Path root) {
        Path jar = root.resolve("cli/target/evbus.jar");
        Path lock = root.resolve("cli/target/aot-training.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            // read through the locked channel: closing any other one on the file would release the lock
            ByteBuffer content = ByteBuffer.allocate((int) Math.min(channel.size(), 256));
            channel.read(content, 0);
            String trainedFor = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8);
            String jarIdentity = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            if (trainedFor.equals(jarIdentity)) {
                return "trained by another test JVM";
            }
            long start = System.nanoTime();
            // to a file, not a pipe: a process the training leaves behind cannot keep this waiting
            Path log = root.resolve("cli/target/aot-training.log");
            Process build = new ProcessBuilder("bash", root.resolve("bin/build").toString(), "--aot-only")
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            boolean ended = build.waitFor(TRAINING_PATIENCE_MINUTES, TimeUnit.MINUTES);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!ended || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("bin/build --aot-only failed before the end-to-end tests:\n" + output);
            }
            channel.truncate(0).write(StandardCharsets.UTF_8.encode(jarIdentity), 0);
            String done = String.format("AOT caches trained for the end-to-end tests in %.1f s", (System.nanoTime() - start) / 1e9);
            System.out.println(done + (output.isBlank() ? "" : "\n" + output.strip()));
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train the AOT caches before the end-to-end tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training the AOT caches", e);
        }
    }
}
