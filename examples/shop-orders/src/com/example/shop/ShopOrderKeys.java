package com.example.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyProvider;
import dev.evbus.event.ParamDef;
import dev.evbus.event.ParamType;
import dev.evbus.event.ParamException;
import java.util.List;
import java.util.Locale;

/**
 * An example plugin: orders of one region, enriched with the customer's name from the shop's
 * API. The shop must be told to send that region's orders while anyone listens, so preConsume
 * registers the region and cleanup unregisters it.
 */
public final class ShopOrderKeys implements KeyProvider {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public List<KeyDefinition> keys() {
        return List.of(KeyDefinition.builder("shop.orders")
                .displayName("Shop orders")
                .description("Orders of one region, with the customer's name.")
                .eventType("order.*")
                .param(ParamDef.builder("region")
                        .description("region code, any case (eu, us, apac)")
                        .required()
                        .subscriptionKey()
                        .build())
                .param(ParamDef.builder("min_total")
                        .type(ParamType.INT)
                        .description("drop orders below this total")
                        .defaultValue("0")
                        .build())
                .authTypes("user", "bot")
                .customSchema(outputSchema())
                // Canonical params first: "EU" and "eu" are one subscription, one registration.
                .normalize((api, params) -> {
                    String region = params.string("region").trim().toLowerCase(Locale.ROOT);
                    if (region.isEmpty()) {
                        throw new ParamException("param \"region\" must not be blank");
                    }
                    params.put("region", region);
                })
                // Cheap and synchronous: runs for every event of the bus's order.* stream.
                .match((event, params) -> {
                    JsonNode payload = event.payload().node();
                    return params.string("region").equals(payload.path("region").asText())
                            && payload.path("total").asLong() >= params.integer("min_total");
                })
                .process((api, event, params) -> {
                    JsonNode order = event.payload().node();
                    JsonNode customer = api.get("/customers/" + order.path("customer_id").asText());
                    ObjectNode out = JSON.objectNode();
                    out.put("order_id", event.eventId());
                    out.put("status", event.eventType().substring("order.".length()));
                    out.put("total", order.path("total").asLong());
                    out.put("customer", customer.path("name").asText());
                    return out;
                })
                .preConsume((api, params) -> api.post("/subscriptions",
                        JSON.objectNode().put("region", params.string("region"))))
                // Runs once, for the last consumer of this region, in whichever process that is.
                .cleanup((api, params) -> api.delete("/subscriptions/" + params.string("region")))
                .build());
    }

    private static JsonNode outputSchema() {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("order_id").put("type", "string");
        properties.putObject("status").put("type", "string");
        properties.putObject("total").put("type", "integer");
        properties.putObject("customer").put("type", "string");
        schema.putArray("required").add("order_id").add("status").add("total").add("customer");
        return schema;
    }
}
