/**
 * The lookup stage and its tables: a JSON or CSV file, read whole into memory once per process
 * (through {@link dev.evbus.pipeline.LoadedFiles}) and shared read-only by every pipeline that names it.
 */
package dev.evbus.pipeline.lookup;
