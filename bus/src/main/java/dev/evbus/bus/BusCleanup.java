package dev.evbus.bus;

import java.util.Map;

/** Runs a key's cleanup inside the bus, for a subscription whose last consumer died without running it. */
@FunctionalInterface
interface BusCleanup {
    /** Returns when cleanup finished or failed; failures are the implementation's to log. */
    void run(String eventKey, String subscriptionId, Map<String, String> params, String as);
}
