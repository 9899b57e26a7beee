package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.transport.PeerCredentials;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes connections and serves each on a virtual thread. Before any thread is spent, the accept
 * thread checks who the peer is and whether the connection limit allows one more. The first frame
 * then decides what a connection is: a consumer (hello, served by {@link ConsumerService}), a
 * producer (publish, served by {@link ProducerStream}), a status query, a cursor removal or a
 * shutdown; the last three are answered here, in one frame.
 *
 * <p>Virtual threads over the JDK's own Unix-domain channels: a parked connection costs a few
 * hundred bytes of heap, not a platform thread's stack, so a thousand consumers (a reader and a
 * writer each) fit in a small bus. (Clients use the same channels in non-blocking mode, behind
 * {@code UnixConnection}: they need timeouts, which a blocking channel does not have.)
 */
final class BusServer {
    private static final long FIRST_FRAME_DEADLINE_MS = 5_000;
    private static final long FAREWELL_MS = 1_000;
    /** A first frame is a hello or one event: most fit; a longer one grows the buffer as far as it needs. */
    private static final int FIRST_READ_BUFFER = 2 * 1024;
    /** Producers stream: larger reads, fewer system calls. */
    private static final int PRODUCER_READ_BUFFER = 64 * 1024;

    private final ServerSocketChannel server;
    private final BusLimits limits;
    private final Cursors cursors;
    private final BusLog log;
    private final Deadlines deadlines;
    private final StopRequests stop;
    private final Adoptions adoptions;
    /** The daemon's reloader (set before the bus takes connections). */
    private final Supplier<BusReload> reload;
    private final ConsumerService consumers;
    private final ProducerStream producers;
    private final BusStatus status;
    private final LogThrottle strangers;
    private final LogThrottle overLimit;
    /** Every open connection, so a stop can close them all; added to by the accept thread only. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Accept thread only. */
    private long lastId;
    private final TimeSource clock;
    private volatile boolean running = true;

    /** Connections open now, for the metrics. */
    int openConnections() {
        return connections.size();
    }

    BusServer(ServerSocketChannel server, BusLimits limits, Hub hub, RetentionLog events, Cursors cursors,
              Deadlines deadlines, BusLog log, Supplier<BusReload> reload, StopRequests stop, BusStatus status,
              boolean served, TimeSource clock) {
        this.server = server;
        this.clock = clock;
        this.limits = limits;
        this.cursors = cursors;
        this.deadlines = deadlines;
        this.log = log;
        this.stop = stop;
        this.adoptions = new Adoptions(hub, stop, log, served);
        this.reload = reload;
        this.consumers = new ConsumerService(hub, WriteBuffers.forThisMachine(), log);
        this.producers = new ProducerStream(hub, events, log, clock);
        this.status = status;
        this.strangers = new LogThrottle(log::warn, clock, 1, TimeUnit.SECONDS);
        this.overLimit = new LogThrottle(log::warn, clock, 1, TimeUnit.SECONDS);
    }

    void acceptLoop() {
        new Acceptor(server::accept, this::admit, () -> running,
                new LogThrottle(log::warn, clock, 1, TimeUnit.SECONDS), Thread::sleep).run();
    }

    /** On the accept thread: credentials and the limit first, a thread only for a connection that passes both. */
    private void admit(SocketChannel channel) {
        long id = ++lastId;
        PeerCredentials peer;
        try {
            peer = PeerCredentials.of(channel);
        } catch (IOException e) {
            strangers.warn("closed connection " + id + " without peer credentials: " + JsonText.quote(e.getMessage()));
            Acceptor.closeQuietly(channel);
            return;
        }
        if (!peer.sameUser()) {
            strangers.warn("refused a connection from " + peer.describe() + ": only uid " + PeerCredentials.currentUid()
                    + " may use this bus");
            Acceptor.closeQuietly(channel);
            return;
        }
        int open = connections.size();
        if (open >= limits.maxConnections()) {
            refuseOverLimit(channel, id, open);
            return;
        }
        Connection connection = Connection.of(id, channel, peer, deadlines, log);
        connections.add(connection);
        try {
            Thread.ofVirtual().name("evbus-conn").start(() -> serve(connection));
        } catch (Throwable failure) {
            connections.remove(connection);
            connection.close();
            throw failure;
        }
    }

    /** Says why in one frame, written without blocking (a fresh socket's buffer has room), and closes. */
    private void refuseOverLimit(SocketChannel channel, long id, int open) {
        String limit = "limits.max_connections in " + limits.file();
        overLimit.warn("refused connection " + id + ": " + open + " connections are open, the most this bus serves ("
                + limit + ")");
        byte[] frame = FrameCodec.encode(new Message.Error("the bus serves at most " + limits.maxConnections()
                + " connections and all are in use (" + limit + ")"));
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(frame));
        } catch (IOException ignored) {
            // the peer is gone already
        } finally {
            Acceptor.closeQuietly(channel);
        }
    }

    /** Stops accepting and closes every connection, telling each peer why between two of its frames. */
    void close(String reason) {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        byte[] farewell = FrameCodec.encode(new Message.Error("bus stopped: " + reason));
        List<Thread> farewells = new ArrayList<>();
        for (Connection connection : connections) {
            farewells.add(Thread.ofVirtual().name("evbus-farewell").start(() -> connection.farewell(farewell, FAREWELL_MS)));
        }
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * FAREWELL_MS);
        for (Thread thread : farewells) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - clock.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void serve(Connection connection) {
        PeerCredentials peer = connection.peer;
        try {
            FrameReader reader = new FrameReader(connection.in(), FrameReader.MAX_FRAME, FIRST_READ_BUFFER);
            Message first = readFirstFrame(connection, reader);
            if (first == null) {
                return;
            }
            // instanceof, not a type switch: the first frame of a bus's first connection is on the
            // way to a forking consumer's ready line, and a type switch generates a class on first
            // use, in a bus that still runs interpreted there (decision 0004)
            if (first instanceof Message.Hello hello) {
                consumers.serve(hello, connection, reader);
            } else if (first instanceof Message.Publish publish) {
                reader.reserve(PRODUCER_READ_BUFFER);
                producers.serve(publish, connection, reader);
            } else if (first instanceof Message.StatusQuery) {
                connection.send(status.response(connections.size()));
            } else if (first instanceof Message.CursorRemove remove) {
                Message.CursorRemoved answer = cursors.remove(remove.name());
                if (answer.removed()) {
                    log.info("cursor " + JsonText.quote(remove.name()) + " removed by " + connection.who());
                    cursors.persist();
                }
                connection.send(answer);
            } else if (first instanceof Message.Shutdown shutdown) {
                stop.answer(shutdown, connection.who(), connection::send);
            } else if (first instanceof Message.Adopt adopt) {
                adoptions.serve(adopt, connection, reader);
            } else if (first instanceof Message.Reload) {
                connection.send(reload.get().reload(connection.who()));
            } else {
                log.warn("closed " + connection.who() + ": unexpected first frame " + first.getClass().getSimpleName());
                connection.send(new Message.Error(
                        "the first frame must be hello, publish, status_query, cursor_remove, shutdown, adopt or reload"));
            }
        } catch (IOException e) {
            // the peer went away; nothing to tell it
        } catch (RuntimeException | StackOverflowError bug) {
            // A defect reached by one peer's input costs that connection, never the bus, and one line.
            log.warn("closed " + connection.who() + " after an internal error: " + JsonText.quote(String.valueOf(bug)));
        } finally {
            connections.remove(connection);
            connection.close();
        }
    }

    private Message readFirstFrame(Connection connection, FrameReader reader) throws IOException {
        Deadlines.Deadline deadline = connection.readDeadline(FIRST_FRAME_DEADLINE_MS);
        try {
            if (!reader.next()) {
                return null;
            }
            if (!reader.terminated()) {
                // cut off by the peer closing mid-frame
                logUnfinishedFirstFrame(connection);
                return null;
            }
        } catch (FrameTooLargeException tooLarge) {
            log.warn("closed " + connection.who() + ": first frame longer than " + FrameReader.MAX_FRAME + " bytes");
            connection.send(new Message.Error("frame longer than " + FrameReader.MAX_FRAME + " bytes"));
            return null;
        } catch (IOException closedByDeadline) {
            if (running) {
                logUnfinishedFirstFrame(connection);
            }
            return null;
        } finally {
            connection.endDeadline(deadline);
        }
        try {
            return FrameCodec.decode(reader);
        } catch (FrameException bad) {
            log.warn("closed " + connection.who() + ": " + JsonText.quote(bad.getMessage()));
            connection.send(new Message.Error(bad.getMessage()));
            return null;
        }
    }

    private void logUnfinishedFirstFrame(Connection connection) {
        log.warn("closed " + connection.who() + ": no complete first frame within " + FIRST_FRAME_DEADLINE_MS / 1000 + " s");
    }
}
