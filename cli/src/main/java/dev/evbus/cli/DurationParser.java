package dev.evbus.cli;

import dev.evbus.config.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Converts option values such as {@code 500ms}, {@code 30s} or {@code 1h30m} (see {@link DurationText}). */
final class DurationParser implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.TypeConversionException(bad.getMessage());
        }
    }

    static Duration parse(String text) {
        return DurationText.parse(text);
    }
}
