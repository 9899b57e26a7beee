package dev.evbus.transport;

import com.sun.security.auth.module.UnixSystem;
import dev.evbus.config.CurrentUser;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is on the other end of a connection, as the kernel says. The bus serves only its own OS
 * user, whatever the file modes say. {@link #of} leaves {@code pid} {@link #UNKNOWN}: the JDK reads
 * SO_PEERCRED but keeps only the user and group (a consumer's hello says its pid instead).
 */
public record PeerCredentials(long uid, long pid, boolean sameUser) {
    public static final long UNKNOWN = -1;
    private static final long CURRENT_UID = CurrentUser.uid();
    private static final UserPrincipal CURRENT_USER = currentUser();
    /**
     * The JDK's Unix user principal hashes to its uid; checked once against our own uid before
     * the number is used, and then only for log lines: the check itself compares principals.
     */
    private static final boolean PRINCIPAL_HASH_IS_UID = CURRENT_USER != null && CURRENT_USER.hashCode() == CURRENT_UID;

    public static long currentUid() {
        return CURRENT_UID;
    }

    /** The peer of a JDK Unix-domain channel: SO_PEERCRED, one getsockopt, no thread needed. */
    public static PeerCredentials of(SocketChannel channel) throws IOException {
        UnixDomainPrincipal principal;
        try {
            principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (UnsupportedOperationException unsupported) {
            throw new IOException("peer credentials unavailable on this platform");
        }
        if (principal == null || principal.user() == null) {
            throw new IOException("peer credentials unavailable");
        }
        UserPrincipal user = principal.user();
        boolean same = CURRENT_USER != null && CURRENT_USER.equals(user);
        long uid = same ? CURRENT_UID : PRINCIPAL_HASH_IS_UID ? user.hashCode() : UNKNOWN;
        return new PeerCredentials(uid, UNKNOWN, same);
    }

    /** For log lines: {@code uid 1000 pid 4242}, leaving out what the kernel did not say. */
    public String describe() {
        return "uid " + (uid == UNKNOWN ? "?" : Long.toString(uid)) + (pid == UNKNOWN ? "" : " pid " + pid);
    }

    /** By uid where Linux lets us (a user without a name still gets one), else by name. */
    private static UserPrincipal currentUser() {
        try {
            Path self = Path.of("/proc/self");
            if (Files.exists(self)) {
                return Files.getOwner(self);
            }
            return FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(new UnixSystem().getUsername());
        } catch (IOException | UnsupportedOperationException | SecurityException unknown) {
            return null; // then no channel peer counts as our user: refusing is the safe side
        }
    }
}
