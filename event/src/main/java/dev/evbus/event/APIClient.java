package dev.evbus.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON over HTTP to the app's own API, as hooks see it. Configured per app in
 * {@code $EVBUS_HOME/apps/<app>.json}; without that file every call fails with a message saying so.
 */
public interface APIClient {

    String app();

    /** The identity the consumer asked for with {@code --as}, already resolved against the key's auth types. */
    AuthType identity();

    /** Sends {@code body} (or nothing when null) and returns the parsed response, or a null node for an empty one. */
    JsonNode call(String method, String path, JsonNode body) throws ApiException;

    default JsonNode get(String path) throws ApiException {
        return call("GET", path, null);
    }

    default JsonNode post(String path, JsonNode body) throws ApiException {
        return call("POST", path, body);
    }

    default JsonNode delete(String path) throws ApiException {
        return call("DELETE", path, null);
    }
}
