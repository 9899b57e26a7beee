package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonToken;
import dev.evbus.config.Home;
import dev.evbus.config.SettingsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which key file names which key, found without compiling any: each file's top-level {@code key}
 * field, found by a streaming parser that stops there (a few hundred bytes of a typical file), so
 * {@code consume KEY} compiles only the file that defines KEY and never opens another key's table.
 *
 * <p>The files are in load order ({@link KeyFiles#files}), so the first file naming a key is the
 * one loading every file would have kept. A file whose name the scan cannot read (a syntax error
 * before it, no top-level object, a key that is not a string) names no key: loading it would
 * refuse it for the same reason, so it could define none. No cache: a scan costs about half a
 * millisecond per file (50 files: 22 to 28 ms in a fresh JVM, after the YAML parser's first use,
 * which compiling the key's own file needs anyway), and a cache would have to be kept right for
 * files edited by hand.
 *
 * @param entries  every key file, in load order, with the key it names
 * @param warnings what finding the files cost (a missing {@code $EVBUS_KEY_PATH} entry, an unlistable directory)
 */
public record KeyIndex(List<Entry> entries, List<String> warnings) {

    /** A key file and the key its top level names; empty when that cannot be read. */
    public record Entry(Path file, Optional<String> key) {
    }

    public KeyIndex {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** The key files of {@code $EVBUS_HOME/keys/} and {@code $EVBUS_KEY_PATH}, each read up to its key. */
    public static KeyIndex scan(Home home, Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (Path file : KeyFiles.files(home, env, warnings)) {
            entries.add(new Entry(file, keyOf(file)));
        }
        return new KeyIndex(entries, warnings);
    }

    /** The files naming {@code key}, in load order: the first that loads defines it; the others are ignored. */
    public List<Path> filesNaming(String key) {
        return entries.stream().filter(entry -> entry.key().filter(key::equals).isPresent()).map(Entry::file).toList();
    }

    /**
     * The top-level {@code key} of one file, read with the parser the full read uses (so a YAML
     * scalar means the same text both ways); the values before it are skipped undecoded. The
     * file is read whole, up to the size any key file may have ({@link SettingsFile}); only its
     * parse stops at the key.
     */
    static Optional<String> keyOf(Path file) {
        if (!KeyFileReader.isKeyFile(file)) {
            return Optional.empty(); // a $EVBUS_KEY_PATH entry of another kind, which loading refuses
        }
        try (TokenSource parser = KeyFileReader.tokens(file, SettingsFile.read(file))) {
            if (parser.next() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.next() == JsonToken.FIELD_NAME) {
                String name = parser.name();
                JsonToken value = parser.next();
                if (name.equals("key")) {
                    // a YAML !!binary scalar arrives as an embedded object; the full read keeps its text too
                    return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_EMBEDDED_OBJECT
                            ? Optional.of(parser.text()) : Optional.empty();
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException unreadable) {
            // unreadable or not valid up to its key: it names nothing, as loading it would refuse it
        }
        return Optional.empty();
    }
}
