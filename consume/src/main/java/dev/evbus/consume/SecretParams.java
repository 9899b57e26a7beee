package dev.evbus.consume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which params look secret, and their values hidden as {@code ***} wherever {@code consume
 * --dry-run} prints text: a param whose name contains token, secret, password, passwd, key, auth,
 * credential, cookie or private (any case). Its value is replaced in every line printed, the
 * params listed and also errors and subscription ids that quote it, so a report can be pasted
 * into an issue as it is.
 */
final class SecretParams {
    static final String MASK = "***";
    private static final Pattern SECRET_NAME =
            Pattern.compile("token|secret|password|passwd|key|auth|credential|cookie|private", Pattern.CASE_INSENSITIVE);

    /** Longest first, so a secret that contains another is replaced whole. */
    private final List<String> values;

    SecretParams(Map<String, String> params) {
        List<String> secret = new ArrayList<>();
        params.forEach((name, value) -> {
            if (secret(name) && !value.isEmpty()) {
                secret.add(value);
            }
        });
        secret.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(secret);
    }

    static boolean secret(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    /** {@code name=value} as listed: the value masked when the name looks secret. */
    static String shown(String name, String value) {
        return name + "=" + (secret(name) ? MASK : value);
    }

    /** {@code text} with every secret value in it masked. */
    String redact(String text) {
        String redacted = text;
        for (String value : values) {
            redacted = redacted.replace(value, MASK);
        }
        return redacted;
    }
}
