package dev.evbus.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout whose {@code bin/evbus} the tests run: the build says where, else the nearest one above. */
public final class EvbusRoot {
    private EvbusRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("evbus.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/evbus"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/evbus above " + Path.of("").toAbsolutePath() + " and -Devbus.root is not set");
    }
}
