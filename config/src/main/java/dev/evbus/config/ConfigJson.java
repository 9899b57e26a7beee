package dev.evbus.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An app's config file as a JSON tree, read the same way by every part of evbus that has a section
 * in it. A file that is not JSON is one line naming it, the line and column, and the parser's short
 * reason ({@code apps/x.json:3:1: not valid JSON: Unexpected end-of-input}), as compilers say it; a
 * field written twice is such an error too, rather than a silent choice of one.
 */
public final class ConfigJson {
    private ConfigJson() {
    }

    /** The file's tree (null for an empty file); empty when there is no file. */
    public static Optional<JsonNode> read(Path file) throws IOException {
        byte[] json;
        try {
            json = SettingsFile.read(file); // first: without a config file, no mapper (and its classes) at all
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException unreadable) {
            throw new IOException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
        try {
            return Optional.ofNullable(JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().readTree(json));
        } catch (JsonProcessingException bad) {
            JsonLocation at = bad.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigException(file + where + ": not valid JSON: " + reason(bad.getOriginalMessage()));
        }
    }

    /**
     * {@code path.name}, or {@code path["name"]} quoted as JSON when the name is not plain
     * (letters, digits, {@code _ -}), so no name in a file can forge a message; {@code name} alone at the top.
     */
    public static String member(String path, String name) {
        boolean plain = !name.isEmpty() && name.length() <= 64 && name.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
        if (plain) {
            return path.isEmpty() ? name : path + "." + name;
        }
        return path + "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\"]";
    }

    /** The parser's reason without its location (the message gives line and column once) or internals. */
    private static String reason(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        int marker = first.indexOf(" (start marker at");
        if (marker >= 0) {
            first = first.substring(0, marker);
        }
        int source = first.indexOf(" at [Source");
        return source >= 0 ? first.substring(0, source) : first;
    }
}
