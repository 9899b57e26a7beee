package dev.evbus.busdiscover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link LockHolderMain} on one lock file; closing it kills the child. */
final class LockHolderProcess implements AutoCloseable {
    private static final long START_DEADLINE_SECONDS = 30;

    private final Process process;
    private final String answer;

    private LockHolderProcess(Process process, String answer) {
        this.process = process;
        this.answer = answer;
    }

    /** Starts the child and waits for its first line: {@code locked} or {@code busy}. */
    static LockHolderProcess start(Path lockFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), lockFile.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return "failed: " + e;
                }
            }).get(START_DEADLINE_SECONDS, TimeUnit.SECONDS);
            return new LockHolderProcess(process, answer);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    /** Whether the child took the lock, so this process did not hold it. */
    static boolean lockIsFreeForAnotherProcess(Path lockFile) throws Exception {
        try (LockHolderProcess child = start(lockFile)) {
            return child.answer().equals("locked");
        }
    }

    long pid() {
        return process.pid();
    }

    String answer() {
        return answer;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
