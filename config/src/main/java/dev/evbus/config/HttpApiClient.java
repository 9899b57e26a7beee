package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.AuthType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@link APIClient} of an app that has an API configured: the JDK's HttpClient, JSON both ways. */
final class HttpApiClient implements APIClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 200;

    private final String app;
    private final AuthType identity;
    private final AppConfig.Api api;
    private final String token;
    private final HttpClient http;

    HttpApiClient(String app, AuthType identity, AppConfig.Api api, Map<String, String> env) {
        this.app = app;
        this.identity = identity;
        this.api = api;
        this.token = api.tokenEnv().isEmpty() ? null : env.get(api.tokenEnv());
        this.http = HttpClient.newBuilder().connectTimeout(api.timeout()).build();
    }

    @Override
    public String app() {
        return app;
    }

    @Override
    public AuthType identity() {
        return identity;
    }

    @Override
    public JsonNode call(String method, String path, JsonNode body) throws ApiException {
        if (!api.tokenEnv().isEmpty() && (token == null || token.isEmpty())) {
            throw new ApiException("API token for app \"" + app + "\" is missing: set $" + api.tokenEnv());
        }
        URI uri = api.baseUrl().resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(api.timeout())
                .header("Accept", "application/json")
                .header("X-Evbus-As", identity.wireName());
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            if (response.statusCode() / 100 != 2) {
                String excerpt = new String(bytes, 0, Math.min(bytes.length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
                throw new ApiException(method + " " + uri + " answered " + response.statusCode() + ": " + excerpt.strip());
            }
            return bytes.length == 0 ? NullNode.getInstance() : MAPPER.readTree(bytes);
        } catch (ApiException e) {
            throw e;
        } catch (IOException e) {
            throw new ApiException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(method + " " + uri + " interrupted", e);
        }
    }
}
