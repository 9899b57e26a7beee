package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadWholeByteForByte() throws IOException {
        byte[] text = "key: a\nevent_types: [\"ü\"]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(text, SettingsFile.read(Files.write(dir.resolve("a.yaml"), text)));
        assertArrayEquals(new byte[0], SettingsFile.read(Files.write(dir.resolve("empty.yaml"), new byte[0])));
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws IOException {
        byte[] full = new byte[SettingsFile.MAX_BYTES];
        Arrays.fill(full, (byte) ' ');
        assertEquals(SettingsFile.MAX_BYTES, SettingsFile.read(Files.write(dir.resolve("full.json"), full)).length);
    }

    @Test
    void aFileOverTheLimitIsRefusedSayingWhy() throws IOException {
        Path big = Files.write(dir.resolve("big.yaml"), new byte[SettingsFile.MAX_BYTES + 1]);
        IOException refused = assertThrows(IOException.class, () -> SettingsFile.read(big));
        assertEquals("larger than 4MiB, the limit for a config or key file", refused.getMessage());
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> SettingsFile.read(dir.resolve("gone.yaml")));
    }

    @Test
    void aLinkedFileIsFollowedAsAnEditorWould() throws IOException {
        Path target = Files.writeString(dir.resolve("kept-elsewhere.yaml"), "key: linked\n");
        Path link = Files.createSymbolicLink(dir.resolve("linked.yaml"), target);
        assertEquals("key: linked\n", new String(SettingsFile.read(link), java.nio.charset.StandardCharsets.UTF_8));
    }
}
