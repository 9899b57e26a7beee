package dev.evbus.config;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The uid this process runs as (its real uid, what {@code getuid()} returns), asked of the OS once.
 *
 * <p>On Linux it is read from {@code /proc/self/status}, one small file of a file system every
 * command has already touched. The JDK's own answer, {@link UnixSystem}, loads a native library
 * and a module's reader first (about 30 classes and 1 to 2 ms of every command that judges an
 * existing path, measured on JDK 25); it stays the answer wherever that file cannot be read.
 */
public final class CurrentUser {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final String UID_LINE = "\nUid:";

    private CurrentUser() {
    }

    /** This process's real uid. */
    public static long uid() {
        return Holder.UID;
    }

    /**
     * The real uid in the text of a {@code /proc/PID/status} file (its {@code Uid:} line holds the
     * real, effective, saved and file-system uids, in that order), or -1 when there is none.
     */
    static long realUidIn(String status) {
        int line = ("\n" + status).indexOf(UID_LINE);
        if (line < 0) {
            return -1;
        }
        int i = line + UID_LINE.length() - 1; // the "\n" prefixed above shifts indexes by one
        while (i < status.length() && (status.charAt(i) == '\t' || status.charAt(i) == ' ')) {
            i++;
        }
        long uid = 0;
        int start = i;
        while (i < status.length() && status.charAt(i) >= '0' && status.charAt(i) <= '9' && i - start < 10) {
            uid = uid * 10 + (status.charAt(i) - '0');
            i++;
        }
        return i == start ? -1 : uid;
    }

    private static final class Holder {
        static final long UID = ask();

        private static long ask() {
            try {
                long uid = realUidIn(new String(Files.readAllBytes(PROC_STATUS), StandardCharsets.ISO_8859_1));
                if (uid >= 0) {
                    return uid;
                }
            } catch (IOException | SecurityException unreadable) {
                // not Linux, or no /proc here: the JDK's answer below
            }
            return new UnixSystem().getUid();
        }
    }
}
