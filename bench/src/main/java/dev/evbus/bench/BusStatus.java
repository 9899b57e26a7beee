package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parts of {@code evbus status --json --current} the bench reads. */
record BusStatus(String state, long pid, Path socket, long published, List<ConsumerStatus> consumers) {

    /** One attached consumer as the bus counts it. */
    record ConsumerStatus(long pid, long received, long dropped) {
    }

    static BusStatus parse(JsonNode document) {
        JsonNode bus = document.path("buses").path(0);
        List<ConsumerStatus> consumers = new ArrayList<>();
        for (JsonNode consumer : bus.path("consumers")) {
            consumers.add(new ConsumerStatus(consumer.path("pid").asLong(), consumer.path("received").asLong(),
                    consumer.path("dropped").asLong()));
        }
        String socket = bus.path("socket").asText("");
        return new BusStatus(bus.path("state").asText("not_running"), bus.path("pid").asLong(-1),
                socket.isEmpty() ? null : Path.of(socket), bus.path("published").asLong(), consumers);
    }

    boolean running() {
        return state.equals("running");
    }

    /** The bus's drop count for the consumer with this pid, 0 if it is not attached. */
    long droppedFor(long consumerPid) {
        return consumers.stream().filter(c -> c.pid() == consumerPid).mapToLong(ConsumerStatus::dropped).sum();
    }
}
