package dev.evbus.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The files of one app's bus. The directory name is the sanitised app id, so an id can never
 * name a path outside {@code events/}; ids too long for a file name keep a readable prefix and
 * gain a hash, so distinct ids stay distinct.
 */
public record AppPaths(String appId, Path dir) {

    /** Longest directory name kept verbatim; file systems allow 255 bytes, a socket path far fewer. */
    static final int MAX_VERBATIM_NAME = 64;

    public static AppPaths of(Home home, String appId) {
        return new AppPaths(appId, home.events().resolve(directoryName(appId)));
    }

    /** Sanitises an app id: {@code /}, {@code \}, NUL and {@code ..} become {@code _}; empty or {@code .} is {@code _}. */
    public static String sanitise(String appId) {
        String name = appId.replace("..", "_").replace('/', '_').replace('\\', '_').replace('\0', '_');
        return name.isEmpty() || name.equals(".") ? "_" : name;
    }

    static String directoryName(String appId) {
        String name = sanitise(appId);
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_VERBATIM_NAME) {
            return name;
        }
        String prefix = name.codePoints().limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return prefix + "-" + shortHash(appId);
    }

    /** First 8 bytes of SHA-256 in hex: enough to keep app ids apart, short enough for socket paths. */
    public static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public Path socketFile() {
        return dir.resolve("bus.sock");
    }

    public Path pidFile() {
        return dir.resolve("bus.pid");
    }

    public Path aliveLock() {
        return dir.resolve("bus.alive.lock");
    }

    public Path forkLock() {
        return dir.resolve("bus.fork.lock");
    }

    public Path logFile() {
        return dir.resolve("bus.log");
    }

    public Path rotatedLogFile() {
        return dir.resolve("bus.log.1");
    }

    /** The durable log's segment files ({@code retention.durable}). */
    public Path logDir() {
        return dir.resolve("log");
    }

    /** Named cursors of a durable log, kept across bus restarts. */
    public Path cursorsFile() {
        return dir.resolve("cursors.json");
    }

    /** Events that publishers wrote while no bus answered, handed to the next bus. */
    public Path spoolDir() {
        return dir.resolve("spool");
    }

    /** Creates the app directory (and its parents below home) with mode 0700 if missing. */
    public void ensureDirectory() throws IOException {
        ensurePrivateDirectory(dir);
    }

    /** Creates {@code path} and any missing parents as 0700 directories; existing ones are tightened to 0700. */
    public static void ensurePrivateDirectory(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            ensurePrivateDirectory(parent);
        }
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException alreadyThere) {
            if (!Files.isDirectory(path)) {
                throw new IOException("not a directory: " + path);
            }
        }
    }

    /** Opens (creating if needed) a 0600 file, the mode of every file evbus writes. */
    public static void ensurePrivateFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException alreadyThere) {
            // kept as it is: an existing file was created by us with the same mode
        }
    }
}
