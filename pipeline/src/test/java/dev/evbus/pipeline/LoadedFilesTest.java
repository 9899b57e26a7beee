package dev.evbus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadedFilesTest {
    @TempDir
    Path dir;

    private final AtomicInteger loads = new AtomicInteger();

    private String load(Path file) throws IOException {
        loads.incrementAndGet();
        return Files.readString(file);
    }

    @Test
    void aLoadingInstanceReadsAFileOnceAndSharesIt() throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), "a,b\n");
        LoadedFiles files = new LoadedFiles();
        String first = files.get(file, String.class, this::load).orElseThrow();
        assertSame(first, files.get(dir.resolve(".").resolve("t.csv"), String.class, this::load).orElseThrow());
        assertEquals(1, loads.get());
    }

    @Test
    void aCheckingInstanceNeverCallsTheLoaderAndSaysWhatIsWrongWithTheFile() throws Exception {
        LoadedFiles files = LoadedFiles.checking();
        Path file = Files.writeString(dir.resolve("t.csv"), "a,b\n");
        assertEquals(Optional.empty(), files.get(file, String.class, this::load));
        assertThrows(NoSuchFileException.class, () -> files.get(dir.resolve("none.csv"), String.class, this::load));
        IOException directory = assertThrows(IOException.class, () -> files.get(dir, String.class, this::load));
        assertEquals("not a regular file", directory.getMessage());
        assertEquals(0, loads.get());
    }

    @Test
    void aCheckingInstanceDoesNotOpenTheFile() throws Exception {
        // a named pipe with no writer: opening it to read would block this test for ever
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        IOException refused = assertThrows(IOException.class, () -> LoadedFiles.checking().get(fifo, String.class, this::load));
        assertEquals("not a regular file", refused.getMessage());
        assertEquals(0, loads.get());
    }
}
