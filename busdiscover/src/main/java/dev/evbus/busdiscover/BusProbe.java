package dev.evbus.busdiscover;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the disk says about an app's bus: whether a live process holds its alive lock, and what
 * its PID file claims. Whether the bus also answers on its socket is for the caller to ask.
 */
public record BusProbe(String app, AppPaths paths, boolean lockHeld, Optional<PidFile> pidFile) {

    public static BusProbe of(AppPaths paths) throws IOException {
        boolean held = FileLocks.isHeldElsewhere(paths.aliveLock());
        return new BusProbe(paths.appId(), paths, held, PidFile.read(paths.pidFile()));
    }

    /** Every app directory under {@code $EVBUS_HOME/events}, in name order. */
    public static List<BusProbe> scan(Home home) throws IOException {
        List<BusProbe> probes = new ArrayList<>();
        if (!Files.isDirectory(home.events())) {
            return probes;
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home.events(), Files::isDirectory)) {
            entries.forEach(dirs::add);
        }
        dirs.sort(null);
        for (Path dir : dirs) {
            probes.add(of(new AppPaths(dir.getFileName().toString(), dir)));
        }
        return probes;
    }
}
