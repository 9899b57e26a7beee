package dev.evbus.bus;

import dev.evbus.protocol.Message;

/** Runs a key's cleanup inside the bus, for a subscription whose last consumer died without running it. */
@FunctionalInterface
interface BusCleanup {
    /**
     * Runs the cleanup as {@code lastConsumer} would have: its key, normalized params, identity and
     * API credentials. Returns when cleanup finished or failed (failures are the implementation's
     * to log); an interrupt asks it to give up.
     */
    void run(Message.Hello lastConsumer);
}
