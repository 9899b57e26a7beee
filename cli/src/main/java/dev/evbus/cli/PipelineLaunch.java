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
        String classPath = System.getProperty("java.class.path");
        Optional<Path> launcher = launcherBeside(classPath);
        return arguments -> {
            List<String> command = new ArrayList<>();
            if (launcher.isPresent()) {
                command.add(launcher.get().toString());
            } else {
                command.add(ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(List.of("-cp", classPath, Main.class.getName()));
            }
            command.addAll(List.of("--app", appId, "consume"));
            command.addAll(arguments);
            return command;
        };
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
