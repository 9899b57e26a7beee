package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.AuthType;
import java.io.IOException;
import java.util.Map;

/** Makes the {@link APIClient} for an app, or one that explains why the app has none. */
public final class ApiClients {
    private ApiClients() {
    }

    public static APIClient forApp(Home home, String appId, AuthType identity, Map<String, String> env) {
        AppConfig config;
        try {
            config = AppConfig.load(home, appId);
        } catch (IOException broken) {
            return new Unavailable(appId, identity, broken.getMessage());
        }
        return config.api()
                .<APIClient>map(api -> new HttpApiClient(appId, identity, api, env))
                .orElseGet(() -> new Unavailable(appId, identity,
                        "no API configured for app \"" + appId + "\": create " + config.file()
                                + " with {\"api\": {\"base_url\": \"https://…\", \"token_env\": \"TOKEN_VARIABLE\"}}"));
    }

    /**
     * The values, from {@code env}, of the variables the app's config names for API auth (only
     * those; today the one {@code api.token_env}), for a consumer to hand the bus so a cleanup the
     * bus runs on its behalf authenticates as it would. Empty when the app has no API, names no
     * variable, the variable is unset, or the config does not load.
     */
    public static Map<String, String> authEnv(Home home, String appId, Map<String, String> env) {
        try {
            return AppConfig.load(home, appId).api()
                    .map(AppConfig.Api::tokenEnv)
                    .filter(name -> !name.isEmpty() && env.get(name) != null)
                    .map(name -> Map.of(name, env.get(name)))
                    .orElse(Map.of());
        } catch (IOException | RuntimeException broken) {
            return Map.of();
        }
    }

    /** Stands in when the app has no usable API config; every call fails with the reason. */
    private record Unavailable(String app, AuthType identity, String reason) implements APIClient {
        @Override
        public JsonNode call(String method, String path, JsonNode body) throws ApiException {
            throw new ApiException(reason);
        }
    }

    /** A client for when nothing may be called (a key file checked or tested): every call fails with {@code why}. */
    public static APIClient none(String appId, String why) {
        return new APIClient() {
            @Override
            public String app() {
                return appId;
            }

            @Override
            public AuthType identity() {
                return AuthType.USER;
            }

            @Override
            public JsonNode call(String method, String path, JsonNode body) throws ApiException {
                throw new ApiException(why + " (" + method + " " + path + ")");
            }
        };
    }
}
