package dev.evbus.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory a fixture made (an installation, a server's store) with everything in it. */
public final class ScratchDir {
    private ScratchDir() {
    }

    /** Deletes {@code dir} and everything below it, deepest first. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
