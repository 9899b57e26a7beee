package dev.evbus.bench;

import java.util.ArrayList;
import java.util.List;

/** Consumers stopped together: every one is signalled before any is waited for. */
final class ConsumerGroup implements AutoCloseable {
    private final List<ConsumerProcess> members = new ArrayList<>();

    synchronized ConsumerProcess add(ConsumerProcess consumer) {
        members.add(consumer);
        return consumer;
    }

    synchronized List<ConsumerProcess> members() {
        return List.copyOf(members);
    }

    long[] lines() {
        return members().stream().mapToLong(ConsumerProcess::lines).toArray();
    }

    @Override
    public void close() throws InterruptedException {
        List<ConsumerProcess> all = members();
        all.forEach(ConsumerProcess::signalStop);
        for (ConsumerProcess consumer : all) {
            consumer.close();
        }
    }
}
