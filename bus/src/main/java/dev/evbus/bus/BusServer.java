package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.transport.PeerCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * Accepts connections and serves each on its own thread. The first frame decides what a
 * connection is: a consumer (hello, served by {@link ConsumerService}), a producer (publish,
 * served by {@link ProducerStream}), a status query, a cursor removal or a shutdown; the last
 * three are answered here, in one frame.
 */
final class BusServer {
    private static final long FIRST_FRAME_DEADLINE_MS = 5_000;
    /**
     * Platform threads, not virtual ones, for everything that blocks on a socket: junixsocket's
     * virtual-thread poller can miss readiness and leave a reader parked with data waiting.
     * Small stacks keep a hundred consumers (two threads each) cheap.
     */
    static final Thread.Builder SOCKET_THREADS = Thread.ofPlatform().daemon().stackSize(256 * 1024);

    private final AFUNIXServerSocket server;
    private final Cursors cursors;
    private final Deadlines deadlines;
    private final BusLog log;
    private final StopRequests stop;
    private final ControlWriter control;
    private final ConsumerService consumers;
    private final ProducerStream producers;
    private final BusStatus status;
    /** Every open connection, so a stop can close them all. */
    private final Set<AFUNIXSocket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    BusServer(AFUNIXServerSocket server, Hub hub, RetentionLog events, Cursors cursors, Deadlines deadlines, BusLog log,
              String appId, Instant startedAt, StopRequests stop) {
        this.server = server;
        this.cursors = cursors;
        this.deadlines = deadlines;
        this.log = log;
        this.stop = stop;
        this.control = new ControlWriter(deadlines);
        this.consumers = new ConsumerService(hub, deadlines, control, log);
        this.producers = new ProducerStream(hub, events, control, log);
        this.status = new BusStatus(hub, events, cursors, appId, startedAt);
    }

    void acceptLoop() {
        while (running) {
            AFUNIXSocket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (running) {
                    log.warn("accept failed: " + JsonText.quote(e.getMessage()));
                }
                continue;
            }
            SOCKET_THREADS.name("evbus-conn").start(() -> serve(socket));
        }
    }

    /** Stops accepting and closes every connection, telling consumers why. */
    void close(String reason) {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        byte[] farewell = FrameCodec.encode(new Message.Error("bus stopped: " + reason));
        for (AFUNIXSocket socket : connections) {
            try {
                deadlines.start(socket, 1_000);
                socket.getOutputStream().write(farewell);
            } catch (IOException ignored) {
                // the peer is gone already
            } finally {
                deadlines.clear(socket);
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private void serve(AFUNIXSocket socket) {
        connections.add(socket);
        try (socket) {
            PeerCredentials peer;
            try {
                peer = PeerCredentials.of(socket);
            } catch (IOException e) {
                log.warn("closed a connection without peer credentials: " + JsonText.quote(e.getMessage()));
                return;
            }
            if (!peer.sameUser()) {
                log.warn("refused a connection from uid " + peer.uid() + " pid " + peer.pid() + ": only uid "
                        + PeerCredentials.currentUid() + " may use this bus");
                return;
            }
            OutputStream out = socket.getOutputStream();
            FrameReader reader = new FrameReader(socket.getInputStream());
            Message first = readFirstFrame(socket, out, reader, peer);
            if (first == null) {
                return;
            }
            switch (first) {
                case Message.Hello hello -> consumers.serve(hello, peer, socket, out, reader);
                case Message.Publish publish -> producers.serve(publish, peer, socket, out, reader);
                case Message.StatusQuery query -> control.write(socket, out, status.response(connections.size()));
                case Message.CursorRemove remove -> {
                    Message.CursorRemoved answer = cursors.remove(remove.name());
                    if (answer.removed()) {
                        log.info("cursor " + JsonText.quote(remove.name()) + " removed by pid " + peer.pid());
                        cursors.persist();
                    }
                    control.write(socket, out, answer);
                }
                case Message.Shutdown shutdown -> stop.answer(shutdown, peer.pid(), answer -> control.write(socket, out, answer));
                default -> {
                    log.warn("closed a connection from pid " + peer.pid() + ": unexpected first frame " + first.getClass().getSimpleName());
                    control.write(socket, out, new Message.Error(
                            "the first frame must be hello, publish, status_query, cursor_remove or shutdown"));
                }
            }
        } catch (IOException e) {
            // the peer went away; nothing to tell it
        } finally {
            connections.remove(socket);
        }
    }

    private Message readFirstFrame(AFUNIXSocket socket, OutputStream out, FrameReader reader, PeerCredentials peer) throws IOException {
        deadlines.start(socket, FIRST_FRAME_DEADLINE_MS);
        try {
            if (!reader.next()) {
                return null;
            }
            if (!reader.terminated()) {
                // cut off by the deadline closing the socket, or by the peer closing mid-frame
                logUnfinishedFirstFrame(peer);
                return null;
            }
        } catch (FrameTooLargeException tooLarge) {
            log.warn("closed a connection from pid " + peer.pid() + ": first frame longer than " + FrameReader.MAX_FRAME + " bytes");
            control.write(socket, out, new Message.Error("frame longer than " + FrameReader.MAX_FRAME + " bytes"));
            return null;
        } catch (SocketException closedByDeadline) {
            if (running) {
                logUnfinishedFirstFrame(peer);
            }
            return null;
        } finally {
            deadlines.clear(socket);
        }
        try {
            return FrameCodec.decode(reader);
        } catch (FrameException bad) {
            log.warn("closed a connection from pid " + peer.pid() + ": " + JsonText.quote(bad.getMessage()));
            control.write(socket, out, new Message.Error(bad.getMessage()));
            return null;
        }
    }

    private void logUnfinishedFirstFrame(PeerCredentials peer) {
        log.warn("closed a connection from pid " + peer.pid() + ": no complete first frame within "
                + FIRST_FRAME_DEADLINE_MS / 1000 + " s");
    }
}
