package dev.evbus.bus;

import dev.evbus.event.APIClient;
import dev.evbus.event.ApiClients;
import dev.evbus.event.AuthType;
import dev.evbus.event.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.Params;
import dev.evbus.protocol.JsonText;
import java.util.Map;
import java.util.Optional;

/** The bus-side cleanup: the same key definition the consumers use, loaded from the same plugins. */
record KeyCleanup(Home home, String appId, Map<String, String> env, BusLog log) implements BusCleanup {

    @Override
    public void run(String eventKey, String subscriptionId, Map<String, String> params, String as) {
        Optional<KeyDefinition> key = KeyRegistry.find(eventKey);
        if (key.isEmpty()) {
            log.warn("cannot run cleanup of subscription " + JsonText.quote(subscriptionId) + ": key "
                    + JsonText.quote(eventKey) + " is not loaded in the bus (is its plugin installed?)");
            return;
        }
        AuthType identity;
        try {
            identity = as == null ? AuthType.USER : AuthType.parse(as);
        } catch (IllegalArgumentException bad) {
            identity = AuthType.USER;
        }
        APIClient api = ApiClients.forApp(home, appId, identity, env);
        try {
            key.get().cleanup().run(api, Params.of(params));
            log.info("cleanup of subscription " + JsonText.quote(subscriptionId) + " done by the bus");
        } catch (Exception | LinkageError e) {
            log.warn("cleanup of subscription " + JsonText.quote(subscriptionId) + " failed: " + JsonText.quote(String.valueOf(e)));
        }
    }
}
