package dev.evbus.pipeline.effect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.EventTypePattern;
import dev.evbus.event.RawEvent;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.io.IOException;

/**
 * The {@code publish} sink: the item's value as the payload of a new event of {@code event_type}
 * on the app's bus. Its id is the {@code id} expression's result, by default
 * {@code <event_type>:<the input's event id>}: the bus drops an id it has seen in the last five
 * minutes whatever the type, so reusing the input's id as it is would lose every republished
 * event, while a derived one still makes a repeated delivery (a replay, a restarted consumer)
 * arrive once.
 */
final class PublishSink implements Stage {
    private final String eventType;
    /** Null: the default id. */
    private final JqProgram id;
    private final StageContext context;

    private PublishSink(String eventType, JqProgram id, StageContext context) {
        this.eventType = eventType;
        this.id = id;
        this.context = context;
    }

    static Stage create(Options options, StageContext context) {
        String eventType = options.requiredString("event_type");
        if (!eventType.isEmpty() && !options.unresolved("event_type")) {
            String problem = eventType.indexOf('*') >= 0 ? "an event to publish needs an exact type, not a pattern"
                    : EventTypePattern.problem(eventType);
            if (problem != null) {
                options.problem("event_type", problem);
            }
        }
        JqProgram id = options.optionalString("id")
                .flatMap(expression -> JqProgram.compile(options, "id", expression, context))
                .orElse(null);
        return new PublishSink(eventType, id, context);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        String eventId = eventId(item);
        try {
            context.republisher().publish(eventType, eventId, item.value());
        } catch (IOException failed) {
            throw new StageFailure("publish as " + eventType + ": " + failed.getMessage());
        }
    }

    private String eventId(Item item) throws StageFailure {
        if (id == null) {
            RawEvent envelope = item.envelope();
            return envelope == null || envelope.eventId() == null ? null : eventType + ":" + envelope.eventId();
        }
        JsonNode result = id.first(item.value(), item.envelope());
        if (result == null || result.isNull()) {
            return null;
        }
        if (!result.isValueNode() || result.asText().isEmpty()) {
            throw new StageFailure("publish as " + eventType + ": id " + id.source() + " gave " + result
                    + ", expected a non-empty string or number");
        }
        return result.asText();
    }
}
