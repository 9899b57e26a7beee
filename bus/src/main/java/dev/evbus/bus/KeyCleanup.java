package dev.evbus.bus;

import dev.evbus.event.APIClient;
import dev.evbus.config.ApiClients;
import dev.evbus.event.AuthType;
import dev.evbus.config.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.Params;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.util.Optional;

/**
 * The bus-side cleanup: the same key definition the consumers use, loaded from the same plugins,
 * run with the params, {@code --as} and API credentials of the consumer it stands in for. The
 * bus's own environment is never used for the API: it is the one of whichever consumer forked
 * the bus, possibly long ago.
 */
record KeyCleanup(Home home, String appId, BusLog log) implements BusCleanup {

    @Override
    public void run(Message.Hello lastConsumer) {
        String subscriptionId = lastConsumer.subscriptionId();
        Optional<KeyDefinition> key = KeyRegistry.find(lastConsumer.eventKey());
        if (key.isEmpty()) {
            log.warn("cannot run cleanup of subscription " + JsonText.quote(subscriptionId) + ": key "
                    + JsonText.quote(lastConsumer.eventKey()) + " is not loaded in the bus (is its plugin installed?)");
            return;
        }
        AuthType identity;
        try {
            identity = lastConsumer.as() == null ? AuthType.USER : AuthType.parse(lastConsumer.as());
        } catch (IllegalArgumentException bad) {
            identity = AuthType.USER;
        }
        APIClient api = ApiClients.forApp(home, appId, identity, lastConsumer.apiEnv());
        try {
            key.get().cleanup().run(api, Params.of(lastConsumer.params()));
            log.info("cleanup of subscription " + JsonText.quote(subscriptionId) + " done by the bus");
        } catch (InterruptedException e) {
            log.warn("cleanup of subscription " + JsonText.quote(subscriptionId) + " interrupted");
        } catch (Exception | LinkageError e) {
            log.warn("cleanup of subscription " + JsonText.quote(subscriptionId) + " failed: " + JsonText.quote(String.valueOf(e)));
        }
    }
}
