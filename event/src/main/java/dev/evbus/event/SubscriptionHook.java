package dev.evbus.event;

/**
 * A subscription's preConsume or cleanup. It receives only what the bus can hand over too: the
 * normalized params and an API client for the app. Cleanup may run in a different process from
 * the preConsume it undoes (another consumer, or the bus itself when the last consumer died),
 * so it must derive everything it needs from the params and the remote API, and be idempotent.
 */
@FunctionalInterface
public interface SubscriptionHook {
    SubscriptionHook NONE = (api, params) -> { };

    void run(APIClient api, Params params) throws Exception;
}
