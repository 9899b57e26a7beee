package dev.evbus.bus;

import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Answers {@code shutdown} frames. The bus decides, not the client: the lifecycle refuses an
 * unforced shutdown while consumers are attached and, when it accepts, stops admitting in the
 * same step, so a consumer attaching meanwhile is either counted or never admitted.
 */
final class StopRequests {
    private final SubscriptionLifecycle lifecycle;
    private final BusLog log;
    /** The daemon's stop, given the reason. */
    private final Consumer<String> stop;

    StopRequests(SubscriptionLifecycle lifecycle, BusLog log, Consumer<String> stop) {
        this.lifecycle = lifecycle;
        this.log = log;
        this.stop = stop;
    }

    /** Where the answer goes: the requester's connection. */
    @FunctionalInterface
    interface Reply {
        void send(Message.ShutdownAck answer) throws IOException;
    }

    /**
     * Decides, answers, then starts the stop when accepted: answering first means the requester
     * reads the answer before the stop closes its connection.
     */
    void answer(Message.Shutdown shutdown, String who, Reply reply) {
        Message.ShutdownAck answer = lifecycle.stop().requestStop(shutdown.force());
        if (answer.stopping()) {
            log.info("shutdown requested by " + who + (shutdown.force() ? " (forced, "
                    + answer.consumers().size() + " consumer(s) attached)" : ""));
        } else {
            log.info("refused shutdown from " + who + ": consumer(s) attached (pid " + answer.consumers()
                    + "); it was not forced");
        }
        try {
            reply.send(answer);
        } catch (IOException gone) {
            // the requester left without its answer; the decision stands
        }
        if (answer.stopping()) {
            stop.accept("shutdown requested");
        }
    }
}
