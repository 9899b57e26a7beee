package dev.evbus.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Fills the backlog of a listener that never accepts, so a further connect has to wait for room. */
final class Backlogs {
    private Backlogs() {
    }

    /**
     * Connects without blocking until the kernel refuses one more (EAGAIN: the listener's accept
     * queue is full); returns the queued connections, which the caller closes.
     */
    static List<SocketChannel> fill(Path path) throws IOException {
        List<SocketChannel> queued = new ArrayList<>();
        while (queued.size() < 1_000) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
            } catch (ConnectException nobody) {
                throw nobody;
            } catch (SocketException full) {
                return queued; // the JDK closed the channel
            }
            queued.add(channel);
        }
        throw new IllegalStateException("the listener on " + path + " kept taking connections");
    }

    static void close(List<SocketChannel> queued) throws IOException {
        for (SocketChannel channel : queued) {
            channel.close();
        }
    }
}
