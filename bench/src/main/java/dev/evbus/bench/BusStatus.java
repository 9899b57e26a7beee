package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parts of {@code evbus status --json --current} the bench reads. */
record BusStatus(String state, long pid, Path socket, long published, List<ConsumerStatus> consumers, LogStatus log) {

    /**
     * The {@code retention_log} object; null when the bus does not report one. {@code durable}
     * is what the bus says it runs, which is how the bench tells a merged durable mode apart from
     * a config field an older bus ignores.
     */
    record LogStatus(long events, long bytes, long maxBytes, boolean durable) {
    }

    /** One attached consumer as the bus counts it. */
    record ConsumerStatus(long pid, long received, long dropped) {
    }

    /** The current app's bus in this installation, as {@code status --json --current} shows it. */
    static BusStatus of(Evbus home) {
        return parse(home.status());
    }

    /** Polls {@code status} until the bus runs with at least {@code count} consumers attached. */
    static BusStatus awaitConsumers(Evbus home, int count, Duration timeout) {
        return parse(home.awaitStatus(timeout, count + " consumers attached to a running bus",
                bus -> bus.path("state").asText().equals("running") && bus.path("consumers").size() >= count));
    }

    /** Polls {@code status} until the bus runs with the consumer of this pid attached. */
    static BusStatus awaitConsumer(Evbus home, long pid, Duration timeout) {
        return parse(home.awaitStatus(timeout, "consumer pid " + pid + " attached to a running bus",
                bus -> {
                    BusStatus status = parse(bus);
                    return status.running() && status.attached(pid);
                }));
    }

    /** One entry of the {@code buses} array. */
    private static BusStatus parse(JsonNode bus) {
        List<ConsumerStatus> consumers = new ArrayList<>();
        for (JsonNode consumer : bus.path("consumers")) {
            consumers.add(new ConsumerStatus(consumer.path("pid").asLong(), consumer.path("received").asLong(),
                    consumer.path("dropped").asLong()));
        }
        String socket = bus.path("socket").asText("");
        JsonNode log = bus.path("retention_log");
        LogStatus logStatus = log.isObject() ? new LogStatus(log.path("events").asLong(), log.path("bytes").asLong(),
                log.path("max_bytes").asLong(), log.path("durable").asBoolean(false)) : null;
        return new BusStatus(bus.path("state").asText("not_running"), bus.path("pid").asLong(-1),
                socket.isEmpty() ? null : Path.of(socket), bus.path("published").asLong(), consumers, logStatus);
    }

    boolean running() {
        return state.equals("running");
    }

    boolean durable() {
        return log != null && log.durable();
    }

    /** Whether the consumer with this pid is attached. */
    boolean attached(long consumerPid) {
        return consumers.stream().anyMatch(c -> c.pid() == consumerPid);
    }

    /** The bus's drop count for the consumer with this pid, 0 if it is not attached. */
    long droppedFor(long consumerPid) {
        return consumers.stream().filter(c -> c.pid() == consumerPid).mapToLong(ConsumerStatus::dropped).sum();
    }
}
