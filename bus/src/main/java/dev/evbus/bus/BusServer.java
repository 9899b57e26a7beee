package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.EventTypePattern;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.transport.PeerCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * Accepts connections and serves each on its own virtual thread. The first frame decides what
 * a connection is: a consumer (hello), a producer (publish), a status query or a shutdown.
 */
final class BusServer {
    private static final long FIRST_FRAME_DEADLINE_MS = 5_000;
    private static final long CONTROL_WRITE_DEADLINE_MS = 5_000;
    private static final int LOGGED_REJECTIONS_PER_PRODUCER = 5;
    private static final int CONSUMER_SEND_BUFFER = 1024 * 1024;
    private static final int WAKE_EVERY = 64;
    /** How long a producer's final, synced ack may wait for the disk. */
    private static final long BYE_ACK_PATIENCE_MS = 60_000;
    /**
     * Platform threads, not virtual ones, for everything that blocks on a socket: junixsocket's
     * virtual-thread poller can miss readiness and leave a reader parked with data waiting.
     * Small stacks keep a hundred consumers (two threads each) cheap.
     */
    private static final Thread.Builder SOCKET_THREADS = Thread.ofPlatform().daemon().stackSize(256 * 1024);

    private final AFUNIXServerSocket server;
    private final Hub hub;
    private final RetentionLog events;
    private final Cursors cursors;
    private final Deadlines deadlines;
    private final BusLog log;
    private final String appId;
    private final Instant startedAt;
    private final Consumer<String> stop;
    /** Every open connection, so a stop can close them all. */
    private final Set<AFUNIXSocket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    BusServer(AFUNIXServerSocket server, Hub hub, RetentionLog events, Cursors cursors, Deadlines deadlines, BusLog log,
              String appId, Instant startedAt, Consumer<String> stop) {
        this.server = server;
        this.hub = hub;
        this.events = events;
        this.cursors = cursors;
        this.deadlines = deadlines;
        this.log = log;
        this.appId = appId;
        this.startedAt = startedAt;
        this.stop = stop;
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
                case Message.Hello hello -> serveConsumer(hello, peer, socket, out, reader);
                case Message.Publish publish -> serveProducer(publish, peer, socket, out, reader);
                case Message.StatusQuery query -> writeControl(socket, out, status());
                case Message.CursorRemove remove -> {
                    Message.CursorRemoved answer = cursors.remove(remove.name());
                    if (answer.removed()) {
                        log.info("cursor " + JsonText.quote(remove.name()) + " removed by pid " + peer.pid());
                        cursors.persist();
                    }
                    writeControl(socket, out, answer);
                }
                case Message.Shutdown shutdown -> {
                    log.info("shutdown requested by pid " + peer.pid());
                    stop.accept("shutdown requested");
                }
                default -> {
                    log.warn("closed a connection from pid " + peer.pid() + ": unexpected first frame " + first.getClass().getSimpleName());
                    writeControl(socket, out, new Message.Error(
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
            writeControl(socket, out, new Message.Error("frame longer than " + FrameReader.MAX_FRAME + " bytes"));
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
            writeControl(socket, out, new Message.Error(bad.getMessage()));
            return null;
        }
    }

    private void logUnfinishedFirstFrame(PeerCredentials peer) {
        log.warn("closed a connection from pid " + peer.pid() + ": no complete first frame within "
                + FIRST_FRAME_DEADLINE_MS / 1000 + " s");
    }

    private void serveConsumer(Message.Hello hello, PeerCredentials peer, AFUNIXSocket socket, OutputStream out,
                               FrameReader reader) throws IOException {
        String problem = helloProblem(hello);
        if (problem != null) {
            log.warn("rejected hello from pid " + peer.pid() + ": " + JsonText.quote(problem));
            writeControl(socket, out, new Message.HelloAck(ProtocolVersion.CURRENT, false, true, problem));
            return;
        }
        // A deeper kernel buffer lets the writer hand over a whole batch while the consumer is descheduled.
        socket.setSendBufferSize(CONSUMER_SEND_BUFFER);
        ConsumerConnection consumer = new ConsumerConnection(hello, peer.pid(), socket, out, deadlines);
        Hub.Join join;
        try {
            join = hub.join(consumer);
        } catch (InterruptedException e) {
            return;
        }
        if (join.rejected()) {
            log.info("rejected consumer pid " + hello.pid() + ": " + JsonText.quote(join.rejectReason()));
            consumer.sendControl(new Message.HelloAck(ProtocolVersion.CURRENT, false, true, join.rejectReason()));
            return;
        }
        String who = "consumer pid " + hello.pid() + " key " + JsonText.quote(hello.eventKey()) + " subscription "
                + JsonText.quote(hello.subscriptionId());
        try {
            consumer.sendControl(new Message.HelloAck(ProtocolVersion.CURRENT, join.first(), false, null,
                    join.startOffset(), join.missed()));
            log.info(who + " attached at offset " + join.startOffset() + (hello.durable() == null ? ""
                    : " with cursor " + JsonText.quote(hello.durable())) + (join.first() ? " (first: runs preConsume)" : ""));
            consumer.startWriter(SOCKET_THREADS);
            readConsumerFrames(consumer, reader, who);
        } finally {
            consumer.close();
            hub.disconnect(consumer);
            log.info(who + " detached (received " + consumer.received() + ", dropped " + consumer.dropped() + ")");
        }
    }

    private void readConsumerFrames(ConsumerConnection consumer, FrameReader reader, String who) {
        while (true) {
            Message message;
            try {
                if (!reader.next() || !reader.terminated()) {
                    return;
                }
                message = FrameCodec.decode(reader);
            } catch (FrameException bad) {
                log.warn(who + " sent a bad frame: " + JsonText.quote(bad.getMessage()));
                continue;
            } catch (IOException gone) {
                return;
            }
            try {
                switch (message) {
                    case Message.PreShutdownCheck check -> consumer.sendControl(new Message.PreShutdownAck(hub.leave(consumer)));
                    case Message.SetupDone done -> hub.setupDone(consumer);
                    case Message.Bye bye -> consumer.byeReceived = true;
                    case Message.Commit commit -> hub.commit(consumer, commit.offset());
                    default -> { }
                }
            } catch (IOException gone) {
                return;
            }
        }
    }

    private static String helloProblem(Message.Hello hello) {
        if (hello.eventKey() == null || hello.eventKey().isEmpty()) {
            return "hello needs an event_key";
        }
        if (hello.subscriptionId() == null || hello.subscriptionId().isEmpty()) {
            return "hello needs a subscription_id";
        }
        if (hello.eventTypes().isEmpty()) {
            return "hello needs at least one event type";
        }
        for (String type : hello.eventTypes()) {
            String problem = EventTypePattern.problem(type);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private void serveProducer(Message.Publish first, PeerCredentials peer, AFUNIXSocket socket, OutputStream out,
                               FrameReader reader) throws IOException {
        hub.producerOpened();
        ProducerAcks acks = new ProducerAcks(events, message -> writeControl(socket, out, message), () -> closeQuietly(socket));
        int sinceWake = 0;
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long lastOffset = 0;
        boolean unwoken = false;
        try {
            Message message = first;
            String unreadable = null; // why the frame just read could not be decoded
            while (true) {
                if (message instanceof Message.Bye bye) {
                    events.wakeReaders();
                    Message.PublishAck totals = new Message.PublishAck(accepted, duplicates, rejected, lastOffset, false);
                    acks.send(totals, bye.sync() ? lastOffset + 1 : 0);
                    acks.drain(BYE_ACK_PATIENCE_MS);
                    return;
                }
                String problem = unreadable;
                if (message instanceof Message.Publish publish) {
                    problem = PublishCheck.problem(publish);
                    if (problem == null) {
                        String sourceTime = publish.sourceTime() != null ? publish.sourceTime()
                                : Long.toString(System.currentTimeMillis());
                        long offset = hub.publish(publish.eventType(), publish.eventId(), sourceTime, publish.payload());
                        if (offset > 0) {
                            accepted++;
                            lastOffset = offset;
                            unwoken = true;
                        } else {
                            duplicates++;
                        }
                    }
                } else if (problem == null) {
                    problem = "unexpected frame in a publish stream";
                }
                if (problem != null) {
                    rejected++;
                    hub.rejected.incrementAndGet();
                    if (rejected <= LOGGED_REJECTIONS_PER_PRODUCER) {
                        log.warn("rejected a publish from pid " + peer.pid() + ": " + JsonText.quote(problem));
                    }
                }
                if (message instanceof Message.Publish publish && publish.ack()) {
                    acks.send(new Message.PublishAck(accepted, duplicates, rejected, lastOffset, false), lastOffset + 1);
                }
                unreadable = null;
                try {
                    // Wake readers once per burst already read, not per event; a burst that never
                    // pauses still wakes them every WAKE_EVERY events, so nobody waits for its end.
                    // (Only bytes already read count: asking the socket costs paced traffic latency.)
                    if (unwoken && (++sinceWake >= WAKE_EVERY || !reader.hasReadAhead())) {
                        events.wakeReaders();
                        unwoken = false;
                        sinceWake = 0;
                    }
                    if (!reader.next() || !reader.terminated()) {
                        return;
                    }
                    message = FrameCodec.decode(reader);
                } catch (FrameException bad) {
                    message = null;
                    unreadable = bad.getMessage();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.wakeReaders();
            acks.stop();
            hub.producerClosed();
        }
    }

    private static void closeQuietly(AFUNIXSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private Message.StatusResponse status() {
        long uptime = (System.currentTimeMillis() - startedAt.toEpochMilli()) / 1000;
        return new Message.StatusResponse(ProcessHandle.current().pid(), appId, ProtocolVersion.CURRENT,
                startedAt.toString(), uptime, connections.size(), hub.published.get(), hub.duplicates.get(),
                hub.rejected.get(), hub.consumers(), events.status(), cursors.list(events.endOffset() - 1));
    }

    private void writeControl(AFUNIXSocket socket, OutputStream out, Message message) throws IOException {
        deadlines.start(socket, CONTROL_WRITE_DEADLINE_MS);
        try {
            out.write(FrameCodec.encode(message));
            out.flush();
        } finally {
            deadlines.clear(socket);
        }
    }
}
