package dev.evbus.cli;

import dev.evbus.busdiscover.PidFile;
import dev.evbus.config.Home;
import dev.evbus.config.PrivatePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code evbus demo}'s private installation: a new temporary directory used as {@code EVBUS_HOME},
 * holding the enrichment example's key file and table (from the jar) in {@code keys/}, and its
 * seed events beside them. Removed whole by {@link #close}.
 */
final class DemoHome implements AutoCloseable {
    /** Where the build puts examples/enrichment in the jar. */
    private static final String RESOURCES = "/dev/evbus/cli/demo/";
    static final String KEY_FILE = "log-alerts.yaml";
    static final String TABLE = "geo.csv";
    static final String EVENTS = "events.ndjson";
    /** Variables that would point the demo at the user's own keys, plugins or app: left out. */
    private static final Set<String> USERS_OWN = Set.of("EVBUS_HOME", "EVBUS_APP", "EVBUS_KEY_PATH", "EVBUS_PLUGIN_PATH",
            "EVBUS_IDLE_TIMEOUT", "EVBUS_SERVE_PLAN");

    private final Path dir;

    private DemoHome(Path dir) {
        this.dir = dir;
    }

    static DemoHome create() throws IOException {
        Path dir = Files.createTempDirectory("evbus-demo-");
        DemoHome home = new DemoHome(dir);
        try {
            Path keys = dir.resolve("keys");
            PrivatePaths.createDirectories(keys);
            for (String name : List.of(KEY_FILE, TABLE)) {
                copy(name, keys.resolve(name));
            }
            copy(EVENTS, dir.resolve(EVENTS));
        } catch (IOException | RuntimeException failed) {
            home.close();
            throw failed;
        }
        return home;
    }

    Path dir() {
        return dir;
    }

    Path events() {
        return dir.resolve(EVENTS);
    }

    /** The environment for the demo's commands: the caller's, with this directory as the only evbus home. */
    Map<String, String> environment(Map<String, String> callers) {
        Map<String, String> env = new HashMap<>(callers);
        env.keySet().removeAll(USERS_OWN);
        env.put("EVBUS_HOME", dir.toString());
        return env;
    }

    /** The running bus's pid, from its pid file. */
    Optional<Long> busPid() {
        return PidFile.read(new Home(dir).app(Main.DEFAULT_APP).pidFile()).map(PidFile::pid);
    }

    private static void copy(String name, Path target) throws IOException {
        try (InputStream in = DemoHome.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the jar lacks the demo's " + name + " (rebuild it with bin/build)");
            }
            Files.copy(in, target);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
