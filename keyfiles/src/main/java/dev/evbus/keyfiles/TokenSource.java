package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A key file as a stream of Jackson's tokens, whichever parser reads it: Jackson's own for JSON
 * ({@link JacksonTokens}), SnakeYAML's events for YAML ({@link YamlTokens}). One tree builder
 * ({@link SourceDocument}) and one key scan ({@link KeyIndex}) read both. A syntax problem is a
 * Jackson {@code StreamReadException} or a {@link YamlSyntaxError}; a limit passed is a Jackson
 * {@code StreamConstraintsException}.
 */
interface TokenSource extends AutoCloseable {

    /** The next token; null at the end of the input (or where the old YAML parser gave none). */
    JsonToken next() throws IOException;

    /** The line (from 1) the current token starts on; -1 if unknown. */
    int tokenLine();

    /** The current field's name, on a {@code FIELD_NAME}. */
    String name() throws IOException;

    /** The current scalar token's node: its number decoded, its text kept. */
    JsonNode scalar() throws IOException;

    /** The current scalar's text as written. */
    String text() throws IOException;

    /** On the start of an object or array, moves to its end; elsewhere does nothing. */
    void skipChildren() throws IOException;

    @Override
    void close() throws IOException;
}
