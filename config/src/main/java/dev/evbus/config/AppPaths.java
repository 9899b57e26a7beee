package dev.evbus.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    /**
     * Makes the app directory private (see {@link PrivatePaths}): {@code events/} and {@code events/<app>/}
     * created or repaired to 0700, a link or another user's directory refused. The home above
     * ({@code dir} is always {@code <home>/events/<name>}) is created when missing.
     */
    public void ensureDirectory() throws IOException {
        PrivatePaths.directory(dir.getParent().getParent(), dir);
    }

    /** Makes {@code sub}, a directory below the app directory, private, with every directory from the home down. */
    public void ensureDirectory(Path sub) throws IOException {
        PrivatePaths.directory(dir.getParent().getParent(), sub);
    }
}
