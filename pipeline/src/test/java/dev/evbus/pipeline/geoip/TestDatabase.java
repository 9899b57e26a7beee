package dev.evbus.pipeline.geoip;

import java.nio.file.Files;
import java.nio.file.Path;

/** MaxMind's test City database, shared by the project at {@code ../shared/data/} from the repository root. */
final class TestDatabase {
    private TestDatabase() {
    }

    /** Walks up from the working directory; a missing file fails the test, it never skips it. */
    static Path path() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/GeoLite2-City-Test.mmdb");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/data/GeoLite2-City-Test.mmdb not found above " + System.getProperty("user.dir")
                + " (the geoip tests need MaxMind's test database there)");
    }
}
