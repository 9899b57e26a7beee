package dev.evbus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The JVM's floor on this machine: a one-class hello world in a jar, run on the CLI's runtime with
 * the CLI's flags ({@link CliJvm}) and, on JDK 25+, an AOT cache of its own trained once as
 * bin/build trains the CLI's. No evbus process can start faster or hold less than it, so every
 * start-up and memory figure is printed beside it. Closing it deletes its directory.
 */
final class JvmFloor implements AutoCloseable {
    static final String MAIN = "Hello";
    /** Prints a line, then, given any argument, holds until stdin ends: the memory floor is a JVM that stays up. */
    private static final String SOURCE = """
            public class Hello {
                public static void main(String[] args) throws Exception {
                    System.out.println("hello");
                    if (args.length > 0) {
                        while (System.in.read() >= 0) {
                        }
                    }
                }
            }
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CliJvm jvm;
    private final Path dir;
    private final Path aot;

    private JvmFloor(CliJvm jvm, Path dir, Path aot) {
        this.jvm = jvm;
        this.dir = dir;
        this.aot = aot;
    }

    /** Builds the jar, trains its cache (JDK 25+) and runs it once, a warm-up whose time is discarded. */
    static JvmFloor prepare(CliJvm jvm) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "evbf");
        JvmFloor floor = new JvmFloor(jvm, dir, jvm.hasAotCaches() ? dir.resolve("hello.aot") : null);
        try {
            floor.buildJar();
            if (floor.aot != null) {
                List<String> training = command(jvm, floor.jar(), "-XX:AOTCacheOutput=" + floor.aot, false);
                CommandResult.run(new ProcessBuilder(training), "the hello world's AOT training run", TIMEOUT)
                        .requireSuccess("the hello world's AOT training run");
                if (!Files.isRegularFile(floor.aot)) {
                    throw new IllegalStateException("the hello world's training run wrote no AOT cache: " + training);
                }
            }
            floor.timeOnce();
            return floor;
        } catch (IOException | RuntimeException failed) {
            floor.close();
            throw failed;
        }
    }

    /**
     * {@code java FLAGS [AOT-OPTION] -cp JAR Hello [block]}: the flags in the CLI's order, the AOT
     * option ({@code -XX:AOTCache=...} to use the cache, {@code -XX:AOTCacheOutput=...} to train
     * it; null for none) where bin/evbus puts a role's cache, then the class path.
     */
    static List<String> command(CliJvm jvm, Path jar, String aotOption, boolean block) {
        List<String> command = new ArrayList<>();
        command.add(jvm.java().toString());
        command.addAll(jvm.flags());
        if (aotOption != null) {
            command.add(aotOption);
        }
        command.addAll(List.of("-cp", jar.toString(), MAIN));
        if (block) {
            command.add("block");
        }
        return command;
    }

    /** Launch to exit of one hello world, timed as {@link CommandResult#evbus} times an evbus command. */
    long timeOnce() throws IOException {
        CommandResult result = CommandResult.run(new ProcessBuilder(command(jvm, jar(), cacheOption(), false)), "the hello world", TIMEOUT)
                .requireSuccess("the hello world");
        if (!result.stdout().equals("hello\n")) {
            throw new IllegalStateException("the hello world printed '" + result.stdout() + "'");
        }
        return result.elapsed().toNanos();
    }

    /** A hello world that stays up until closed (its stdin closed), once it has printed its line. */
    Blocked startBlocked() throws IOException {
        Process process = new ProcessBuilder(command(jvm, jar(), cacheOption(), true)).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Blocked blocked = new Blocked(process);
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"hello".equals(line)) {
            blocked.close();
            throw new IllegalStateException("the blocking hello world printed '" + line + "' and no hello");
        }
        return blocked;
    }

    /** A running hello world; closing its stdin ends it. */
    record Blocked(Process process) implements AutoCloseable {
        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the floor is, for the report. */
    String describe() {
        return "hello world on JDK " + jvm.major() + " with the CLI's flags"
                + (aot != null ? " and its own AOT cache" : " (no AOT cache before JDK 25)");
    }

    private String cacheOption() {
        return aot == null ? null : "-XX:AOTCache=" + aot;
    }

    private Path jar() {
        return dir.resolve("hello.jar");
    }

    /** Compiles Hello for Java 21 (the CLI's lowest runtime) with the bench's own compiler and jars it. */
    private void buildJar() throws IOException {
        Path source = Files.writeString(dir.resolve(MAIN + ".java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        StringWriter errors = new StringWriter();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the bench runs on a JRE: no compiler for the hello world (bench/run needs a JDK)");
        }
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(errors, files, null, List.of("--release", "21", "-d", classes.toString()),
                    null, files.getJavaFileObjects(source)).call();
            if (!compiled) {
                throw new IllegalStateException("compiling the hello world failed: " + errors);
            }
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jar()))) {
            jar.putNextEntry(new JarEntry(MAIN + ".class"));
            jar.write(Files.readAllBytes(classes.resolve(MAIN + ".class")));
            jar.closeEntry();
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
