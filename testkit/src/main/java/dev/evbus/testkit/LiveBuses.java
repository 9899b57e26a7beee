package dev.evbus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The buses of a home that are still running, found by the pid each app's {@code bus.pid} records. */
final class LiveBuses {
    private LiveBuses() {
    }

    static List<ProcessHandle> of(Path home) throws IOException {
        Path events = home.resolve("events");
        if (!Files.isDirectory(events)) {
            return List.of();
        }
        List<ProcessHandle> live = new ArrayList<>();
        try (Stream<Path> apps = Files.list(events)) {
            for (Path app : apps.toList()) {
                List<String> pidFile = Evbus.readLines(app.resolve("bus.pid"));
                if (!pidFile.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pidFile.get(0).trim())).filter(ProcessHandle::isAlive).ifPresent(live::add);
                }
            }
        }
        return live;
    }
}
