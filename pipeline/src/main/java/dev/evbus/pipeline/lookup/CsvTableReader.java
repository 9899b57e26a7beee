package dev.evbus.pipeline.lookup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV table as RFC 4180 writes it: UTF-8, a header row naming the columns, fields
 * separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
 * breaks and quotes written twice ({@code ""}). Every value is a string. Empty lines are skipped.
 * A malformed record is an error naming its line (the line the record starts on).
 */
final class CsvTableReader {
    private final String text;
    private int at;
    private int line = 1;

    private CsvTableReader(String text) {
        this.text = text;
        this.at = text.startsWith("\uFEFF") ? 1 : 0;
    }

    static LookupTable.Rows read(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new TableFormatException("the file is not UTF-8 text");
        }
        return new CsvTableReader(text).rows();
    }

    /** Parses CSV text; for tests and for {@link #read}. */
    static LookupTable.Rows parse(String text) throws TableFormatException {
        return new CsvTableReader(text).rows();
    }

    private LookupTable.Rows rows() throws TableFormatException {
        skipEmptyLines();
        if (at >= text.length()) {
            throw new TableFormatException("the file is empty; a CSV table starts with a header row naming its columns");
        }
        int headerLine = line;
        List<String> columns = record();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isEmpty()) {
                throw new TableFormatException("line " + headerLine + ": column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(columns.get(i))) {
                throw new TableFormatException("line " + headerLine + ": the header names column \"" + columns.get(i) + "\" twice");
            }
        }
        List<ObjectNode> rows = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (skipEmptyLines(); at < text.length(); skipEmptyLines()) {
            int start = line;
            List<String> fields = record();
            if (fields.size() != columns.size()) {
                throw new TableFormatException("line " + start + ": " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
                        + ", but the header has " + columns.size() + " columns");
            }
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < fields.size(); i++) {
                row.put(columns.get(i), fields.get(i));
            }
            rows.add(row);
            places.add("line " + start);
        }
        return new LookupTable.Rows(List.copyOf(columns), List.copyOf(rows), List.copyOf(places), columns.get(0));
    }

    private void skipEmptyLines() {
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            endOfLine();
        }
    }

    /** Consumes one line break (CRLF, LF or a lone CR). */
    private void endOfLine() {
        if (text.charAt(at) == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
            at++;
        }
        at++;
        line++;
    }

    private List<String> record() throws TableFormatException {
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(at < text.length() && text.charAt(at) == '"' ? quoted() : unquoted());
            if (at >= text.length()) {
                return fields;
            }
            char next = text.charAt(at);
            if (next == ',') {
                at++;
            } else {
                endOfLine();
                return fields;
            }
        }
    }

    private String unquoted() throws TableFormatException {
        int start = at;
        while (at < text.length() && ",\r\n".indexOf(text.charAt(at)) < 0) {
            if (text.charAt(at) == '"') {
                throw new TableFormatException("line " + line + ": a quote inside an unquoted field"
                        + " (quote the whole field and write a quote in it as \"\")");
            }
            at++;
        }
        return text.substring(start, at);
    }

    private String quoted() throws TableFormatException {
        int opened = line;
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new TableFormatException("line " + opened + ": a quoted field is never closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                if (at < text.length() && text.charAt(at) == '"') {
                    value.append('"');
                    at++;
                    continue;
                }
                break;
            }
            if (c == '\n' || (c == '\r' && (at >= text.length() || text.charAt(at) != '\n'))) {
                line++;
            }
            value.append(c);
        }
        if (at < text.length() && ",\r\n".indexOf(text.charAt(at)) < 0) {
            throw new TableFormatException("line " + line + ": text after a closing quote"
                    + " (a quote inside a quoted field is written twice: \"\")");
        }
        return value.toString();
    }
}
