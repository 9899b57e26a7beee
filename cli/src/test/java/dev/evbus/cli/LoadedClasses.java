package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The classes a fresh JVM loads running a main class of the test class path, read from its
 * {@code -Xlog:class+load} log: what a path of the product really loads, which an AOT cache trained
 * on it would then hold and load at every start.
 */
final class LoadedClasses {
    private LoadedClasses() {
    }

    /** Runs {@code main ARGS} on a home of its own under {@code dir}; it must exit 0. The loaded classes' names, in load order. */
    static List<String> of(Path dir, String main, String... args) throws IOException, InterruptedException {
        return run(dir, "class+load", 0, main, args).stream()
                .map(line -> line.replaceFirst("^.*\\] ", "").split(" ")[0])
                .toList();
    }

    /**
     * As {@link #of}, but the run must exit with {@code exit}: the classes whose initialiser ran
     * (loading a class to verify another does not run it; using it does), in order, with dots:
     * what a path of the product really pays for.
     */
    static List<String> initialised(Path dir, int exit, String main, String... args) throws IOException, InterruptedException {
        return run(dir, "class+init", exit, main, args).stream()
                .filter(line -> line.contains(" Initializing '"))
                .map(line -> line.replaceFirst("^.* Initializing '", "").replaceFirst("'.*$", "").replace('/', '.'))
                .toList();
    }

    private static List<String> run(Path dir, String tags, int exit, String main, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:" + tags + "=info:file=" + log, "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("EVBUS_HOME", dir.resolve("home").toString());
        env.remove("EVBUS_APP");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(exit, process.waitFor(), main + " " + String.join(" ", args) + ": " + output);
        return Files.readAllLines(log);
    }
}
