package dev.evbus.event;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Names a subscription so every process computes the same id for the same key and
 * subscription-key params. The format is part of the contract: changing it would split live
 * subscriptions across versions.
 */
public final class SubscriptionId {
    private static final byte[] NAME_FIRST = "{\"name\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NAME_NEXT = ",{\"name\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.UTF_8);

    private SubscriptionId() {
    }

    private static void writeQuoted(ByteArrayOutputStream out, String text) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.write('"');
    }

    public static String of(KeyDefinition key, Params normalized) {
        // A loop, not a stream: streams load some 30 classes into every consumer (decision 0004).
        List<ParamDef> chosen = new ArrayList<>();
        for (ParamDef param : key.params()) {
            if (param.subscriptionKey()) {
                chosen.add(param);
            }
        }
        ParamDef[] distinguishing = chosen.toArray(new ParamDef[0]);
        // a lambda of ours, not Comparator.comparing's: the AOT cache keeps the one, not the other
        Arrays.sort(distinguishing, (a, b) -> a.name().compareTo(b.name()));
        if (distinguishing.length == 0) {
            return key.key();
        }
        // Compact JSON as Jackson writes it, built by hand so no ObjectMapper is needed.
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.write('[');
        for (int i = 0; i < distinguishing.length; i++) {
            json.writeBytes(i == 0 ? NAME_FIRST : NAME_NEXT);
            writeQuoted(json, distinguishing[i].name());
            json.writeBytes(VALUE);
            writeQuoted(json, normalized.string(distinguishing[i].name()));
            json.write('}');
        }
        json.write(']');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toByteArray());
            return key.key() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
