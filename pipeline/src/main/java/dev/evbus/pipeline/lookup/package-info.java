/**
 * The lookup stage and its tables: a JSON or CSV file, read whole into memory once per process
 * (through {@link dev.evbus.pipeline.LoadedFiles}) and shared read-only by every pipeline that names it.
 *
 * <p>{@link dev.evbus.pipeline.lookup.LookupStage} joins a field's value against a
 * {@link dev.evbus.pipeline.lookup.LookupTable} (keyed by the file itself, or a list looked up by a
 * column), read by {@code JsonTableReader} or {@code CsvTableReader} (RFC 4180); a file that cannot
 * be used is a {@link dev.evbus.pipeline.lookup.TableFormatException} naming the line or element.
 */
package dev.evbus.pipeline.lookup;
