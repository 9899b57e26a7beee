/**
 * Declarative keys: key files in JSON or YAML, read into key definitions with errors that name file,
 * line and field. {@link dev.evbus.keyfiles.KeyFileReader} reads one file (compiling its stages,
 * only checking its tables, or leaving its stages alone); {@link dev.evbus.keyfiles.KeyIndex} finds
 * which file names a key without compiling any; {@link dev.evbus.keyfiles.KeyFiles} loads every key
 * or one key, in the order that decides which definition of a name wins.
 */
package dev.evbus.keyfiles;
