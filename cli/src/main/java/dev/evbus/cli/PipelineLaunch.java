package dev.evbus.cli;

import dev.evbus.bus.served.ServedPipelines;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a bus starts the consumer process of a pipeline it serves: through {@code bin/evbus} beside
 * the jar when there is one ({@code <root>/cli/target/evbus.jar} → {@code <root>/bin/evbus}), so
 * the process has the CLI's JVM flags and AOT cache as any consume has; else the jar's own
 * {@link Main} on this JVM.
 */
final class PipelineLaunch {
    private static final String JAR = "evbus.jar";

    private PipelineLaunch() {
    }

    static ServedPipelines.Launcher forApp(String appId) {
        List<String> cli = cli();
        return arguments -> {
            List<String> command = new ArrayList<>(cli);
            command.addAll(List.of("--app", appId, "consume"));
            command.addAll(arguments);
            return command;
        };
    }

    /** The command line that starts the CLI as this process was started, before its arguments (also {@code evbus demo}'s). */
    static List<String> cli() {
        String classPath = System.getProperty("java.class.path");
        Optional<Path> launcher = launcherBeside(classPath);
        if (launcher.isPresent()) {
            return List.of(launcher.get().toString());
        }
        return List.of(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()), "-cp", classPath, Main.class.getName());
    }

    private static Optional<Path> launcherBeside(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            if (jar.getFileName() != null && jar.getFileName().toString().equals(JAR) && jar.getNameCount() >= 3) {
                Path script = jar.getParent().getParent().getParent().resolve("bin").resolve("evbus");
                if (Files.isExecutable(script)) {
                    return Optional.of(script);
                }
            }
        }
        return Optional.empty();
    }
}
