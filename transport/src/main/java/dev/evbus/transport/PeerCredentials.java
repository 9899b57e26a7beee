package dev.evbus.transport;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketCredentials;

/** Who is on the other end of a connection. The bus serves only its own OS user, whatever the file modes say. */
public record PeerCredentials(long uid, long pid) {
    private static final long CURRENT_UID = new UnixSystem().getUid();

    public static long currentUid() {
        return CURRENT_UID;
    }

    public static PeerCredentials of(AFUNIXSocket socket) throws IOException {
        AFUNIXSocketCredentials credentials = socket.getPeerCredentials();
        if (credentials == null) {
            throw new IOException("peer credentials unavailable");
        }
        return new PeerCredentials(credentials.getUid(), credentials.getPid());
    }

    public boolean sameUser() {
        return uid == CURRENT_UID;
    }
}
