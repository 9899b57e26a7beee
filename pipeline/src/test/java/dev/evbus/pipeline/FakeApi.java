package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.AuthType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An app API that answers from a map of "METHOD path" to JSON, fails the rest, and records every call. */
public final class FakeApi implements APIClient {
    public final Map<String, String> answers = new HashMap<>();
    /** Every call as "METHOD path body". */
    public final List<String> calls = new ArrayList<>();

    @Override
    public String app() {
        return "test";
    }

    @Override
    public AuthType identity() {
        return AuthType.values()[0];
    }

    @Override
    public JsonNode call(String method, String path, JsonNode body) throws ApiException {
        calls.add(method + " " + path + (body == null ? "" : " " + body));
        String answer = answers.get(method + " " + path);
        if (answer == null) {
            throw new ApiException("HTTP 503 from " + path);
        }
        return StageHarness.parse(answer);
    }
}
