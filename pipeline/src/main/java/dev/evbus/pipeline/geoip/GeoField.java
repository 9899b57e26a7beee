package dev.evbus.pipeline.geoip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Subdivision;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** A value the geoip stage can append, named as the {@code fields} option writes it. */
enum GeoField {
    COUNTRY("country", (city, locale) -> text(city.country().isoCode())),
    COUNTRY_NAME("country_name", (city, locale) -> text(name(city.country().names(), locale))),
    CITY("city", (city, locale) -> text(name(city.city().names(), locale))),
    CONTINENT("continent", (city, locale) -> text(city.continent().code())),
    SUBDIVISION("subdivision", (city, locale) -> {
        Subdivision most = city.mostSpecificSubdivision();
        return most == null ? null : text(name(most.names(), locale));
    }),
    POSTAL_CODE("postal_code", (city, locale) -> text(city.postal().code())),
    LATITUDE("latitude", (city, locale) -> number(city.location().latitude())),
    LONGITUDE("longitude", (city, locale) -> number(city.location().longitude())),
    TIME_ZONE("time_zone", (city, locale) -> text(city.location().timeZone())),
    ACCURACY_RADIUS("accuracy_radius", (city, locale) -> {
        Integer radius = city.location().accuracyRadius();
        return radius == null ? null : IntNode.valueOf(radius);
    });

    private final String option;
    private final BiFunction<CityResponse, String, JsonNode> read;

    GeoField(String option, BiFunction<CityResponse, String, JsonNode> read) {
        this.option = option;
        this.read = read;
    }

    String option() {
        return option;
    }

    /** This field of {@code city}, with names in {@code locale}; null when the database has no value. */
    JsonNode read(CityResponse city, String locale) {
        return read.apply(city, locale);
    }

    static Optional<GeoField> parse(String option) {
        return Arrays.stream(values()).filter(field -> field.option.equals(option)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(GeoField::option).collect(Collectors.joining(", "));
    }

    /** A name in {@code locale}, else in English (every MaxMind City database has English names). */
    private static String name(Map<String, String> names, String locale) {
        if (names == null) {
            return null;
        }
        String name = names.get(locale);
        return name != null ? name : names.get("en");
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }

    private static JsonNode number(Double value) {
        return value == null ? null : DoubleNode.valueOf(value);
    }
}
