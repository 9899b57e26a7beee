package dev.evbus.keyfiles;

import dev.evbus.event.KeyDefinition;
import java.nio.file.Path;
import java.util.List;

/** What reading one key file gave: its key, or every problem that keeps it from being one. */
public sealed interface KeyFile {

    /** The file as it was named (absolute, normalized). */
    Path file();

    /** A valid key; {@code stages} is how many top-level stages its pipeline has. */
    record Loaded(Path file, KeyDefinition key, int stages) implements KeyFile {
    }

    /** Every problem, in line order. */
    record Refused(Path file, List<KeyFileProblem> problems) implements KeyFile {
        public Refused {
            problems = List.copyOf(problems);
        }
    }
}
