package dev.evbus.pipeline.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.StageContext;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the {@code database} option's MaxMind DB file once per process (through
 * {@link StageContext#files()}), refusing anything but a City database. The reader is thread-safe
 * and memory-maps the file; it stays open for the life of the process.
 */
final class GeoDatabase {
    /** Decoded records cached by the reader (4096 by default): a repeated address skips decoding. */
    private static final int NODE_CACHE = 4096;

    private GeoDatabase() {
    }

    /**
     * The reader for the option's file, or empty with a problem at {@code database}; also empty,
     * with no problem, when the file is named by a param that has no value yet (a key checked or
     * loaded before any consumer gave it), so the stage compiles but could not run.
     */
    static Optional<DatabaseReader> open(Options options, StageContext context) {
        if (options.unresolved("database")) {
            options.raw("database");
            return Optional.empty();
        }
        String name = options.requiredString("database");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Path file = options.file("database", name, context.baseDir());
        try {
            return context.files().get(file, DatabaseReader.class, GeoDatabase::read); // empty when only checked
        } catch (NoSuchFileException missing) {
            options.problem("database", "no such file: " + file
                    + " (a relative name is read from the key file's directory; get GeoLite2-City.mmdb from MaxMind)");
        } catch (IOException | RuntimeException unreadable) {
            options.problem("database", "cannot use " + file + " as a MaxMind DB: " + unreadable.getMessage());
        }
        return Optional.empty();
    }

    private static DatabaseReader read(Path file) throws IOException {
        DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache(NODE_CACHE)).build();
        String type = reader.getMetadata().databaseType();
        if (!type.contains("City") && !type.contains("Enterprise")) {
            reader.close();
            throw new IOException("it is a \"" + type + "\" database; the geoip stage needs a City database"
                    + " (GeoLite2-City or GeoIP2-City)");
        }
        return reader;
    }
}
