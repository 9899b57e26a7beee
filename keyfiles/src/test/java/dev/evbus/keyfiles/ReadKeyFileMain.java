package dev.evbus.keyfiles;

import java.nio.file.Path;

/**
 * What {@code consume KEY} does with key files, alone in a fresh JVM for {@link YamlStartUpTest}:
 * scans a file for its key, then reads it. Prints the key and whether it loaded.
 */
public final class ReadKeyFileMain {
    private ReadKeyFileMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        System.out.println(KeyIndex.keyOf(file) + " " + KeyFileReader.withoutStageChecks().read(file).getClass().getSimpleName());
    }
}
