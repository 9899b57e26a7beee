package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Sizes of JSON values in bytes, close to their compact JSON text, without writing it. The walk
 * stops as soon as the size passes what is allowed, so a value that shares one subtree many times
 * (cheap in memory, huge as text) costs no more than the allowance to measure.
 */
final class OutputSize {
    private OutputSize() {
    }

    /**
     * A value's own size, not its elements': what one more array element adds at least (a number
     * {@code 1,}, a string with its quotes and comma, {@code null,}).
     */
    static long shallow(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length() + 3L;
        }
        return value.isContainerNode() || value.isNumber() ? 2 : 5;
    }

    /**
     * JSON writers refuse deeper nesting (Jackson's default write constraint), so a deeper output
     * could never be written: it fails its event here, with a reason.
     */
    static final int MAX_DEPTH = 1000;

    /** The value's size, or a number above {@code allowed} as soon as it passes it; {@link #MAX_DEPTH} fails it. */
    static long of(JsonNode value, long allowed) {
        return of(value, allowed, 0);
    }

    private static long of(JsonNode value, long allowed, int depth) {
        long size = shallow(value);
        if (size > allowed || !value.isContainerNode()) {
            return size;
        }
        if (depth == MAX_DEPTH) {
            throw new LimitExceeded("nests deeper than " + MAX_DEPTH + " levels, more than JSON output allows");
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                size += of(element, allowed - size, depth + 1);
                if (size > allowed) {
                    return size;
                }
            }
            return size;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            size += field.getKey().length() + 3L + of(field.getValue(), allowed - size, depth + 1);
            if (size > allowed) {
                return size;
            }
        }
        return size;
    }
}
