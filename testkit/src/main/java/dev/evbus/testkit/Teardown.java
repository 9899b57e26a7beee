package dev.evbus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ends an installation: every process it started (and their children) first, then any bus still
 * running in its home, found by the pid each app's {@code bus.pid} records, then its directory.
 */
final class Teardown {
    private Teardown() {
    }

    static void end(Evbus evbus, List<EvbusProcess> started) throws IOException {
        for (EvbusProcess process : started) {
            process.handle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.kill();
        }
        for (EvbusProcess process : started) {
            process.handle().onExit().join();
        }
        // A bus still running is killed outright, as `stop --all --force` would after its grace,
        // without a JVM for the stop command: the test is over and its directory goes next.
        for (ProcessHandle bus : liveBuses(evbus.home())) {
            bus.descendants().forEach(ProcessHandle::destroyForcibly);
            bus.destroyForcibly();
            bus.onExit().join();
        }
        ScratchDir.delete(evbus.base());
    }

    private static List<ProcessHandle> liveBuses(Path home) throws IOException {
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
