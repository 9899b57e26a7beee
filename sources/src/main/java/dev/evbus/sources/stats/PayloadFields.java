package dev.evbus.sources.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * Reads the two things a window needs from an event's payload, the numeric field and the source
 * string, with Jackson's streaming parser: no tree is built, subtrees off both paths are skipped
 * unread, and parsing stops once both are found. Stateless and thread-safe (the factory is).
 */
final class PayloadFields {
    /** Longer sources and types are cut here, so what input decides is bounded in bytes. */
    static final int MAX_TEXT = 256;
    /** Jackson's own fast decimal parser: reading the value is a large share of the cost per event. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private final String[] valuePath;
    private final String[] sourcePath;

    /** What one payload gave: {@code value} NaN when the field is missing or not a finite number, {@code source} null when absent or not a string. */
    record Reading(double value, String source) {
        static final Reading NOTHING = new Reading(Double.NaN, null);
    }

    PayloadFields(String valueField, String sourceField) {
        this.valuePath = valueField.split("\\.");
        this.sourcePath = sourceField.split("\\.");
    }

    Reading read(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Reading.NOTHING;
            }
            Search search = new Search();
            object(parser, 0, true, true, search);
            return new Reading(search.value, search.source);
        } catch (IOException | RuntimeException malformed) {
            // The bus hands over valid JSON; anything else counts as an event without fields.
            return Reading.NOTHING;
        }
    }

    /** The fields found so far; one per read, never shared. */
    private static final class Search {
        double value = Double.NaN;
        String source;
        boolean valueDone;
        boolean sourceDone;
    }

    /**
     * Walks one object whose names at {@code depth} may continue the value path ({@code onValue})
     * or the source path ({@code onSource}); returns when the object ends or both are done.
     */
    private void object(JsonParser parser, int depth, boolean onValue, boolean onSource, Search search)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            boolean value = onValue && !search.valueDone && name.equals(valuePath[depth]);
            boolean source = onSource && !search.sourceDone && name.equals(sourcePath[depth]);
            JsonToken token = parser.nextToken();
            if (value && depth == valuePath.length - 1) {
                value = false;
                search.valueDone = true;
                if (token.isNumeric() && Double.isFinite(parser.getDoubleValue())) {
                    search.value = parser.getDoubleValue();
                }
            }
            if (source && depth == sourcePath.length - 1) {
                source = false;
                search.sourceDone = true;
                if (token == JsonToken.VALUE_STRING) {
                    search.source = bounded(parser.getText());
                }
            }
            if ((value || source) && token == JsonToken.START_OBJECT) {
                object(parser, depth + 1, value, source, search);
            } else {
                parser.skipChildren();
            }
            if (search.valueDone && search.sourceDone) {
                return;
            }
        }
    }

    /**
     * {@code text} when at most {@link #MAX_TEXT} characters; otherwise its start and a 64-bit hash
     * of the whole, so long values stay told apart while costing a bounded number of bytes.
     */
    static String bounded(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return text.substring(0, MAX_TEXT - 18) + "…#" + String.format("%016x", hash);
    }
}
