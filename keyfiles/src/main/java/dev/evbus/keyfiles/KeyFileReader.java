package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.evbus.config.SettingsFile;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageLibrary;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads key files: {@code .json} as JSON (Jackson's parser), {@code .yaml}/{@code .yml} as YAML
 * ({@link YamlTokens}, SnakeYAML's), both strictly (a field given twice is a problem), into a
 * {@link KeyFile}. Every problem carries the line of the field it is about. Thread-safe: the JSON
 * factory is, and nothing else is kept between reads.
 */
public final class KeyFileReader {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final DefinitionReader definitions;

    /** {@code files} caches the tables and databases stages open, for the whole process. */
    public KeyFileReader(StageLibrary library, LoadedFiles files) {
        this.definitions = new DefinitionReader(library, files);
    }

    /**
     * A reader that checks everything but the stages' options, and so opens no table or database:
     * the bus (which runs hooks, not stages) and {@code list} (which shows what a key declares).
     */
    public static KeyFileReader withoutStageChecks() {
        return new KeyFileReader(null, new LoadedFiles());
    }

    /**
     * A reader that compiles the stages but only checks that their tables and databases are there
     * and readable, without reading them ({@code keys check}, {@code schema}).
     */
    public static KeyFileReader checking(StageLibrary library) {
        return new KeyFileReader(library, LoadedFiles.checking());
    }

    /** Whether a file name says it is a key file. */
    public static boolean isKeyFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** A key file's tokens, read strictly: by Jackson's JSON parser for {@code .json}, else as YAML. */
    static TokenSource tokens(Path file, byte[] bytes) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return new JacksonTokens(JSON.createParser(bytes));
        }
        return YamlTokens.of(bytes);
    }

    public KeyFile read(Path file) {
        Path origin = file.toAbsolutePath().normalize();
        if (!isKeyFile(origin)) {
            return refused(origin, "not a key file: its name must end in .json, .yaml or .yml");
        }
        byte[] bytes;
        try {
            bytes = SettingsFile.read(origin);
        } catch (NoSuchFileException missing) {
            return refused(origin, "no such file");
        } catch (IOException unreadable) {
            return refused(origin, "cannot be read: " + unreadable.getMessage());
        }
        Parse parse = parse(origin, bytes);
        if (parse.problem() != null) {
            return new KeyFile.Refused(origin, List.of(parse.problem()));
        }
        SourceDocument document = parse.document();
        List<Problem> problems = new ArrayList<>();
        KeyFile.Loaded loaded = definitions.read(document.root(), origin, problems);
        if (loaded != null) {
            return loaded;
        }
        List<KeyFileProblem> located = new ArrayList<>();
        for (Problem problem : problems) {
            located.add(new KeyFileProblem(document.line(problem.path()), document.field(problem.path()), problem.message()));
        }
        located.sort(Comparator.comparingInt(KeyFileProblem::line));
        return new KeyFile.Refused(origin, located);
    }

    /** A file's tree, or the one problem that kept it from being read: exactly one is null. */
    record Parse(SourceDocument document, KeyFileProblem problem) {
    }

    /** Parses one key file's bytes, named by {@code origin}, into its tree (no key is compiled). */
    static Parse parse(Path origin, byte[] bytes) {
        try (TokenSource parser = tokens(origin, bytes)) {
            SourceDocument document = SourceDocument.read(parser);
            if (parser.next() != null) {
                return refusal(new KeyFileProblem(parser.tokenLine(), "(file)", "a key file holds one document; another starts here"));
            }
            return new Parse(document, null);
        } catch (StreamReadException bad) {
            return refusal(syntax(bad));
        } catch (YamlSyntaxError bad) {
            return refusal(syntax(bad.line(), bad.pointer(), bad.getMessage(), "YAML"));
        } catch (JsonProcessingException | RuntimeException bad) {
            return refusal(new KeyFileProblem(1, "(file)", "cannot be parsed: " + firstLine(bad.getMessage())));
        } catch (IOException unreadable) {
            return refusal(new KeyFileProblem(0, "(file)", "cannot be read: " + unreadable.getMessage()));
        }
    }

    private static Parse refusal(KeyFileProblem problem) {
        return new Parse(null, problem);
    }

    private static KeyFile refused(Path file, String message) {
        return new KeyFile.Refused(file, List.of(new KeyFileProblem(0, "(file)", message)));
    }

    /** A JSON syntax error or a duplicate field, at the parser's line, named by where the parser was. */
    private static KeyFileProblem syntax(StreamReadException bad) {
        JsonLocation location = bad.getLocation();
        String pointer = "";
        if (bad.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            pointer = parser.getParsingContext().pathAsPointer().toString();
        }
        return syntax(location == null ? -1 : location.getLineNr(), pointer, firstLine(bad.getOriginalMessage()), "JSON");
    }

    /** A syntax error or a duplicate field of either format, at {@code line}, named by {@code pointer}. */
    private static KeyFileProblem syntax(int line, String pointer, String message, String format) {
        String field = pointer.isEmpty() ? "(file)" : SourceDocument.fieldOf(pointer);
        if (message.startsWith("Duplicate field")) {
            return new KeyFileProblem(Math.max(line, 1), field, "given twice (a field may appear once)");
        }
        return new KeyFileProblem(Math.max(line, 1), field, "not valid " + format + ": " + message);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
