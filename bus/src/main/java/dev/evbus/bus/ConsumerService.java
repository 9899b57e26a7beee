package dev.evbus.bus;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.transport.PeerCredentials;
import java.io.IOException;

/**
 * Serves connections whose first frame was a hello: checks it, admits the consumer through the
 * hub, starts its writer, then reads what the consumer says until it goes. One instance serves
 * every consumer; all per-connection state lives in its {@link ConsumerConnection}.
 */
final class ConsumerService {
    private static final int CONSUMER_SEND_BUFFER = 1024 * 1024;

    private final Hub hub;
    private final WriteBuffers buffers;
    private final BusLog log;

    ConsumerService(Hub hub, WriteBuffers buffers, BusLog log) {
        this.hub = hub;
        this.buffers = buffers;
        this.log = log;
    }

    /** Returns when the consumer has gone and the hub has let it go. */
    void serve(Message.Hello hello, Connection connection, FrameReader reader) throws IOException {
        connection.identify("consumer pid " + hello.pid() + (connection.peer.pid() == PeerCredentials.UNKNOWN
                ? " (as stated by the client)" : ""));
        String malformed = HelloCheck.fieldProblem(hello);
        if (malformed != null) {
            log.warn("rejected hello from " + connection.who() + ": " + JsonText.quote(malformed));
            connection.send(new Message.Error(malformed));
            return;
        }
        String problem = HelloCheck.versionRefusal(hello);
        if (problem != null) {
            log.warn("rejected hello from " + connection.who() + ": " + JsonText.quote(problem));
            connection.send(new Message.HelloAck(ProtocolVersion.CURRENT, false, true, problem));
            return;
        }
        // A deeper kernel buffer lets the writer hand over a whole batch while the consumer is descheduled.
        connection.deepenSendBuffer(CONSUMER_SEND_BUFFER);
        ConsumerConnection consumer = new ConsumerConnection(hello, connection, buffers);
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
            consumer.startWriter(Thread.ofVirtual());
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
                    case Message.Commit commit -> {
                        if (commit.counts() != null) {
                            consumer.pipelineCounts = commit.counts();
                        }
                        hub.commit(consumer, commit.offset());
                    }
                    default -> { }
                }
            } catch (IOException gone) {
                return;
            }
        }
    }
}
