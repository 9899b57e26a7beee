package dev.evbus.consume;

import dev.evbus.config.DidYouMean;
import dev.evbus.protocol.JsonText;
import java.util.Collection;

/**
 * The one wording of an unknown key, with "did you mean" for the closest known name: a consume's
 * checks (and so its dry run) and the CLI's commands say it alike. The CLI passes every key it can
 * name (key files too); the checks pass the keys registered.
 */
public final class UnknownKey {
    private UnknownKey() {
    }

    public static String message(String key, Collection<String> known) {
        return "unknown event key " + JsonText.quote(key) + " (" + DidYouMean.hint(key, known)
                + "run `evbus list` to see the keys)";
    }
}
