package dev.evbus.bus;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.FrameTooLargeException;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bus that a consumer started, taken over by {@code evbus serve}: the adopting connection holds
 * the bus busy as a producer does, so it never idles out while serve runs, and serve stops it by a
 * {@code shutdown} on that connection. Consumers keep their connections and positions: nothing
 * restarts. If serve goes away without stopping the bus (killed), the bus idles out again, as any
 * consumer-started bus does, rather than run unsupervised for ever.
 */
final class Adoptions {
    private final Hub hub;
    private final StopRequests stop;
    private final BusLog log;
    /**
     * Who serves this bus: "this process" for serve's own bus, the adopter's description while one
     * holds it, null when nobody does. Only one serve at a time: a second is refused with this.
     */
    private final AtomicReference<String> servedBy;

    Adoptions(Hub hub, StopRequests stop, BusLog log, boolean servedItself) {
        this.hub = hub;
        this.stop = stop;
        this.log = log;
        this.servedBy = new AtomicReference<>(servedItself ? "served by its own evbus serve (pid " + ProcessHandle.current().pid() + ")" : null);
    }

    /** Serves one adopting connection until the adopter closes it or the bus stops. */
    void serve(Message.Adopt adopt, Connection connection, FrameReader reader) throws IOException {
        connection.identify("serve pid " + adopt.pid() + " (stated by the client)");
        String held = "served by evbus serve pid " + adopt.pid() + ", which adopted it (bus pid "
                + ProcessHandle.current().pid() + ")";
        if (!servedBy.compareAndSet(null, held)) {
            log.info("refused adoption by " + connection.who() + ": the bus is " + servedBy.get());
            connection.send(new Message.Error(servedBy.get()));
            return;
        }
        try {
            adopted(connection, reader);
        } finally {
            servedBy.set(null);
        }
    }

    private void adopted(Connection connection, FrameReader reader) throws IOException {
        hub.producerOpened();
        try {
            log.info("adopted by " + connection.who() + ": no idle exit while it runs, and it stops this bus");
            connection.send(new Message.Adopted(ProcessHandle.current().pid()));
            while (reader.next() && reader.terminated()) {
                Message message;
                try {
                    message = FrameCodec.decode(reader);
                } catch (FrameException bad) {
                    connection.send(new Message.Error(bad.getMessage()));
                    continue;
                }
                if (message instanceof Message.Shutdown shutdown) {
                    stop.answer(shutdown, connection.who(), connection::send);
                } else {
                    connection.send(new Message.Error("an adopting connection takes only shutdown, not "
                            + JsonText.quote(message.getClass().getSimpleName())));
                }
            }
            log.info(connection.who() + " closed its adoption: the bus idles out again when unused");
        } catch (FrameTooLargeException tooLarge) {
            log.warn("closed " + connection.who() + ": frame longer than " + FrameReader.MAX_FRAME + " bytes");
        } finally {
            hub.producerClosed();
        }
    }
}
