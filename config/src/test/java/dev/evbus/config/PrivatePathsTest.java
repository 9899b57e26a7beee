package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivatePathsTest {
    @TempDir
    Path base;

    @Test
    void missingDirectoriesBelowTheBaseAreCreated0700() throws IOException {
        Path dir = base.resolve("home/events/app/log");
        PrivatePaths.directory(base.resolve("home"), dir);
        assertEquals("rwx------", mode(base.resolve("home/events")));
        assertEquals("rwx------", mode(base.resolve("home/events/app")));
        assertEquals("rwx------", mode(dir));
    }

    @Test
    void anExistingDirectoryOfThisUserIsRepairedTo0700AndTheBaseIsLeftAlone() throws IOException {
        Path dir = Files.createDirectories(base.resolve("events/app"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(base.resolve("events"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivatePaths.directory(base, dir);

        assertEquals("rwx------", mode(base.resolve("events")));
        assertEquals("rwx------", mode(dir));
        assertEquals("rwxr-xr-x", mode(base), "the base is the user's to set up");
    }

    @Test
    void aLinkAnywhereBelowTheBaseIsRefusedAndItsTargetLeftAlone() throws IOException {
        Path outside = Files.createDirectory(base.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(base.resolve("home/events"));
        Files.createSymbolicLink(home.resolve("app"), outside);

        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> PrivatePaths.directory(base.resolve("home"), home.resolve("app/log")));

        assertEquals("refusing " + home.resolve("app") + ": it is a symbolic link (to " + outside + "), where evbus expects a "
                + "directory (evbus keeps its state only in real files and directories; remove the link and run again)",
                refused.getMessage());
        assertFalse(Files.exists(outside.resolve("log")));
        assertEquals("rwxr-xr-x", mode(outside));
    }

    @Test
    void aLinkTargetWithANewlineIsPrintedOnOneLine() throws IOException {
        Files.createSymbolicLink(base.resolve("log"), Path.of("/tmp/evil\nWARN forged"));
        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> PrivatePaths.directory(base, base.resolve("log")));
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        assertTrue(refused.getMessage().contains("/tmp/evil?WARN forged"), refused.getMessage());
    }

    @Test
    void aSharedDirectoryWithTheStickyBitIsRefusedNotMadePrivate() throws IOException {
        Path shared = Files.createDirectory(base.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);

        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> PrivatePaths.directory(base, shared.resolve("evbus")));

        assertTrue(refused.getMessage().contains("it is a shared directory (sticky bit)"), refused.getMessage());
        assertEquals(01777, (Integer) Files.getAttribute(shared, "unix:mode") & 07777);
    }

    @Test
    void aFileWhereADirectoryBelongsIsRefused() throws IOException {
        Files.writeString(base.resolve("log"), "x");
        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> PrivatePaths.directory(base, base.resolve("log")));
        assertTrue(refused.getMessage().contains("it is not a directory"), refused.getMessage());
    }

    @Test
    void anotherUsersDirectoryIsRefused() throws IOException {
        Path base = this.base;
        Path foreign;
        if (CurrentUser.uid() == 0) {
            foreign = Files.createDirectory(base.resolve("foreign"));
            Files.setAttribute(foreign, "unix:uid", 65534); // only root can give a directory away
        } else {
            base = Path.of("/"); // root's: another user's for everyone else, and refused before any change
            foreign = Path.of("/etc");
        }
        Path root = base;
        Path checked = foreign;
        UnsafePathException refused = assertThrows(UnsafePathException.class, () -> PrivatePaths.directory(root, checked));
        assertTrue(refused.getMessage().contains("belongs to uid "), refused.getMessage());
    }

    @Test
    void aBaseThatCannotBeCreatedSaysWhichPathAndWhy() throws IOException {
        Path file = Files.writeString(base.resolve("file"), "x");
        FileSystemException failed = assertThrows(FileSystemException.class,
                () -> PrivatePaths.directory(file.resolve("home"), file.resolve("home/events")));
        assertEquals(file + ": exists and is not a directory", failed.getMessage());
    }

    @Test
    void aFileIsCreated0600AndAnExistingOneOfThisUserIsRepaired() throws IOException {
        Path created = base.resolve("bus.log");
        PrivatePaths.file(created);
        assertEquals("rw-------", mode(created));

        Path loose = Files.writeString(base.resolve("cursors.json"), "old");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        try (FileChannel channel = PrivatePaths.open(loose, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap("new".getBytes()));
        }
        assertEquals("rw-------", mode(loose));
        assertEquals("new", Files.readString(loose));
    }

    @Test
    void aFinalLinkIsRefusedAndNeverWrittenThrough() throws IOException {
        Path target = base.resolve("target.log");
        Path link = Files.createSymbolicLink(base.resolve("bus.log"), target);

        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> PrivatePaths.open(link, StandardOpenOption.APPEND));

        assertTrue(refused.getMessage().startsWith("refusing " + link + ": it is a symbolic link (to " + target
                + "), where evbus expects a regular file"), refused.getMessage());
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
