package dev.evbus.pipeline;

import dev.evbus.event.KeyDefinition;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where relative file names in a key's stages resolve: a key file's directory, else the working directory. */
public final class KeyBaseDir {
    private KeyBaseDir() {
    }

    /** A key file's origin is its absolute path; a plugin's is its jar, whose stages resolve against the working directory. */
    public static Path of(KeyDefinition key) {
        Path origin = Path.of(key.origin());
        return origin.isAbsolute() && Files.isRegularFile(origin) && !key.origin().endsWith(".jar")
                ? origin.getParent() : Path.of("").toAbsolutePath();
    }
}
