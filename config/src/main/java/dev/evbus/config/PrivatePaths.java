package dev.evbus.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for the directories and files where evbus keeps private state (below
 * {@code $EVBUS_HOME}, and the socket directory under {@code /tmp}):
 * <ul>
 * <li>a missing directory is created {@code 0700}, a missing file {@code 0600};</li>
 * <li>an existing one of this user with a wider mode is <em>repaired</em>: set to {@code 0700} /
 * {@code 0600} (as ssh insists on private modes and gpg warns, but without making the user do it);</li>
 * <li>a symbolic link, something of another kind, or anything of another user is <em>refused</em>
 * with an {@link UnsafePathException}: following a planted link would write evbus's state (its log,
 * its events) wherever the link points, and another user's directory could be read or changed
 * by that user.</li>
 * </ul>
 * Files are opened with {@link LinkOption#NOFOLLOW_LINKS} ({@code O_NOFOLLOW}), so the check and
 * the open cannot disagree about a final link. The directory a caller names as the base (the
 * home, which may itself be a link the user chose) is created when missing but never judged.
 */
public final class PrivatePaths {
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_REGULAR = 0100000;
    private static final int TYPE_LINK = 0120000;
    private static final int STICKY = 01000;
    private static final int DIRECTORY_MODE = 0700;
    private static final int FILE_MODE = 0600;
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final String LINK_HINT = "evbus keeps its state only in real files and directories; "
            + "remove the link and run again";

    private PrivatePaths() {
    }

    /**
     * Makes {@code dir}, which must lie below {@code base}, a private directory, and every directory
     * between the two: created {@code 0700} when missing, repaired to {@code 0700} when this user's,
     * refused otherwise. {@code base} and its parents are created {@code 0700} when missing.
     */
    public static void directory(Path base, Path dir) throws IOException {
        if (!dir.startsWith(base) || dir.equals(base)) {
            throw new IllegalArgumentException(dir + " is not below " + base);
        }
        createDirectories(base);
        Path current = base;
        for (Path name : base.relativize(dir)) {
            current = current.resolve(name);
            Map<String, Object> attributes = attributes(current);
            if (attributes == null) {
                try {
                    Files.createDirectory(current, DIRECTORY_ATTRIBUTE);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    attributes = attributes(current); // created meanwhile (another evbus process): judge it
                }
            }
            judge(current, attributes, TYPE_DIRECTORY, "directory", DIRECTORY_MODE);
        }
    }

    /**
     * Creates {@code dir} and its missing parents {@code 0700}, leaving existing ones as they are:
     * for directories the user names (an output directory), which are theirs to set up.
     */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, DIRECTORY_ATTRIBUTE);
        } catch (FileAlreadyExistsException alreadyThere) {
            if (!Files.isDirectory(dir)) {
                throw new FileSystemException(dir.toString(), null, "exists and is not a directory");
            }
        } catch (AccessDeniedException denied) {
            throw new FileSystemException(dir.toString(), null, "cannot create it: permission denied");
        } catch (FileSystemException failed) { // the JDK's own message is often the bare path
            throw new FileSystemException(dir.toString(), null, "cannot create it: "
                    + (failed.getReason() != null ? failed.getReason() : "the file system refused"));
        }
    }

    /**
     * Opens {@code file} for writing without following a final link, creating it {@code 0600};
     * an existing file of this user is repaired to {@code 0600}, anything else refused.
     * {@code options} add to {@link StandardOpenOption#WRITE} and {@link StandardOpenOption#CREATE}
     * (e.g. {@code APPEND}, {@code TRUNCATE_EXISTING}, {@code READ}).
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> all = new HashSet<>(Set.of(options));
        all.add(StandardOpenOption.WRITE);
        all.add(StandardOpenOption.CREATE);
        all.add(LinkOption.NOFOLLOW_LINKS);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, all, FILE_ATTRIBUTE);
        } catch (IOException refused) { // a final link: ELOOP, which the JDK reports without the path
            Map<String, Object> attributes = attributes(file);
            if (attributes != null) {
                judge(file, attributes, TYPE_REGULAR, "regular file", FILE_MODE); // says why, when it is ours to say
            }
            throw refused;
        }
        try {
            judge(file, attributes(file), TYPE_REGULAR, "regular file", FILE_MODE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Makes sure {@code file} exists as a private file (a lock file, a log another process appends
     * to), as {@link #open} would, but without opening an existing one: closing any descriptor of a
     * file drops every POSIX lock this process holds on it. Creating uses {@code O_EXCL}, which
     * never follows a link.
     */
    public static void file(Path file) throws IOException {
        try {
            Files.createFile(file, FILE_ATTRIBUTE);
        } catch (FileAlreadyExistsException exists) {
            judge(file, attributes(file), TYPE_REGULAR, "regular file", FILE_MODE);
        }
    }

    /** The {@code unix} attributes of {@code path} itself (never a link's target); null when it does not exist. */
    private static Map<String, Object> attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    private static void judge(Path path, Map<String, Object> attributes, int type, String kind, int privateMode)
            throws IOException {
        if (attributes == null) {
            throw new NoSuchFileException(path.toString(), null, "removed while evbus was preparing it");
        }
        int mode = (Integer) attributes.get("mode");
        if ((mode & TYPE_MASK) == TYPE_LINK) {
            String target = Files.readSymbolicLink(path).toString();
            throw new UnsafePathException(path, "it is a symbolic link (to " + UnsafePathException.printable(target)
                    + "), where evbus expects a " + kind, LINK_HINT);
        }
        if ((mode & TYPE_MASK) != type) {
            throw new UnsafePathException(path, "it is not a " + kind, "move it away and run again");
        }
        if ((mode & STICKY) != 0) { // a shared directory such as /tmp: never one to make private
            throw new UnsafePathException(path, "it is a shared directory (sticky bit)",
                    "evbus keeps its state only in directories of its own; set EVBUS_HOME to one");
        }
        int owner = (Integer) attributes.get("uid");
        if (owner != CurrentUser.uid()) {
            throw new UnsafePathException(path, "it belongs to uid " + owner + ", not to this user (uid "
                    + CurrentUser.uid() + ")", "evbus keeps its state only in this user's files; move it away or set "
                    + "EVBUS_HOME to a directory of your own");
        }
        if ((mode & 07777) != privateMode) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(privateMode == DIRECTORY_MODE
                    ? "rwx------" : "rw-------"));
        }
    }
}
