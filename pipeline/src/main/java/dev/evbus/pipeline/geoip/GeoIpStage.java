package dev.evbus.pipeline.geoip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Appends where an IP address field is: country, city and the other {@link GeoField}s, in the
 * order the {@code fields} option lists them, at top level or under {@code into}. An address the
 * database does not know is a miss (the {@code default} values), not a failure; a field that is
 * not an IP address fails the item.
 */
public final class GeoIpStage implements Stage {
    private static final List<String> DEFAULT_FIELDS = List.of("country", "city");

    private final FieldPath field;
    private final DatabaseReader reader;
    private final List<GeoField> fields;
    private final String locale;
    private final FieldPath into;
    private final ObjectNode defaults;

    private GeoIpStage(FieldPath field, DatabaseReader reader, List<GeoField> fields, String locale, FieldPath into,
            ObjectNode defaults) {
        this.field = field;
        this.reader = reader;
        this.fields = fields;
        this.locale = locale;
        this.into = into;
        this.defaults = defaults;
    }

    /** The {@code geoip} kind's factory. */
    public static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        String fieldText = options.requiredString("field");
        FieldPath field = fieldText.isEmpty() ? null : FieldPath.parse(options, "field", fieldText);
        Optional<DatabaseReader> reader = GeoDatabase.open(options, context);
        List<GeoField> fields = new ArrayList<>();
        List<String> named = options.has("fields") ? options.strings("fields") : DEFAULT_FIELDS;
        for (String name : named) {
            GeoField.parse(name).ifPresentOrElse(fields::add, () -> options.problem("fields",
                    "unknown geoip field \"" + name + "\" (fields: " + GeoField.choices() + ")"));
        }
        if (named.isEmpty()) {
            options.problem("fields", "lists no field (fields: " + GeoField.choices() + ")");
        }
        String locale = options.string("locale", "en");
        FieldPath into = options.optionalString("into").map(path -> FieldPath.parse(options, "into", path)).orElse(null);
        ObjectNode defaults = options.object("default");
        defaults.fieldNames().forEachRemaining(name -> {
            if (GeoField.parse(name).filter(fields::contains).isEmpty()) {
                options.problem("default", "names \"" + name + "\", which is not one of the fields this stage appends "
                        + named);
            }
        });
        return new GeoIpStage(field, reader.orElse(null), List.copyOf(fields), locale, into, defaults);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        if (reader == null) {
            throw new StageFailure("no database: the param naming it has no value");
        }
        InetAddress address = address(item.value());
        Optional<CityResponse> city;
        try {
            city = reader.tryCity(address);
        } catch (IOException | GeoIp2Exception | RuntimeException broken) {
            throw new StageFailure("geoip lookup of " + address.getHostAddress() + " failed: " + broken.getMessage(), broken);
        }
        ObjectNode found = JsonNodeFactory.instance.objectNode();
        for (GeoField geo : fields) {
            JsonNode value = city.map(response -> geo.read(response, locale)).orElse(null);
            if (value == null) {
                value = defaults.has(geo.option()) ? defaults.get(geo.option()) : JsonNodeFactory.instance.nullNode();
            }
            found.set(geo.option(), value);
        }
        next.emit(item.withValue(append(item.value(), found)));
    }

    private InetAddress address(JsonNode event) throws StageFailure {
        JsonNode value = field.get(event);
        if (value == null || value.isNull()) {
            throw new StageFailure("field \"" + field + "\" is missing");
        }
        if (!value.isTextual()) {
            throw new StageFailure("field \"" + field + "\" is " + article(value) + ", expected an IP address string");
        }
        String text = value.asText();
        return IpLiteral.parse(text).orElseThrow(() -> new StageFailure("field \"" + field + "\" is "
                + TextNode.valueOf(text.length() > 64 ? text.substring(0, 64) + "…" : text) + ", not an IP address"));
    }

    private JsonNode append(JsonNode event, ObjectNode found) throws StageFailure {
        if (into != null) {
            return into.with(event, found);
        }
        if (!event.isObject()) {
            throw new StageFailure("the event is " + article(event) + ", not an object: use into to place the fields");
        }
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.setAll(found);
        return copy;
    }

    private static String article(JsonNode value) {
        String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
        return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }
}
