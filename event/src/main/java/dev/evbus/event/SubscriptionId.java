package dev.evbus.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;

/**
 * Names a subscription so every process computes the same id for the same key and
 * subscription-key params. The format is part of the contract: changing it would split live
 * subscriptions across versions.
 */
public final class SubscriptionId {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SubscriptionId() {
    }

    public static String of(KeyDefinition key, Params normalized) {
        ParamDef[] distinguishing = key.params().stream()
                .filter(ParamDef::subscriptionKey)
                .sorted(Comparator.comparing(ParamDef::name))
                .toArray(ParamDef[]::new);
        if (distinguishing.length == 0) {
            return key.key();
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ParamDef param : distinguishing) {
            array.addObject().put("name", param.name()).put("value", normalized.string(param.name()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(array));
            return key.key() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash subscription params", e);
        }
    }
}
