package dev.evbus.consume;

import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.protocol.JsonText;

/** Which identity a consumer calls the app's API as, from {@code --as} and what the key accepts. */
final class IdentityChoice {
    private IdentityChoice() {
    }

    /**
     * {@code auto} (or no {@code --as}) takes the key's first accepted identity, or user when it
     * names none; an explicit choice must be one the key accepts, so a mismatch is bad input
     * rather than an API call that fails later.
     */
    static AuthType resolve(KeyDefinition key, String as) throws ConsumeFailure {
        String wanted = as == null ? "auto" : as;
        if (wanted.equals("auto")) {
            return key.authTypes().isEmpty() ? AuthType.USER : key.authTypes().get(0);
        }
        AuthType type;
        try {
            type = AuthType.parse(wanted);
        } catch (IllegalArgumentException bad) {
            throw ConsumeFailure.badInput("--as must be user, bot or auto, not " + JsonText.quote(wanted));
        }
        if (!key.authTypes().isEmpty() && !key.authTypes().contains(type)) {
            throw ConsumeFailure.badInput("key " + key.key() + " does not accept --as " + wanted + " (it accepts "
                    + key.authTypes().stream().map(AuthType::wireName).toList() + ")");
        }
        return type;
    }
}
