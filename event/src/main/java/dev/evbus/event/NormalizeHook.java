package dev.evbus.event;

/** Canonicalises a consumer's params in place before the subscription id or any other hook sees them. */
@FunctionalInterface
public interface NormalizeHook {
    void normalize(APIClient api, Params params) throws Exception;
}
