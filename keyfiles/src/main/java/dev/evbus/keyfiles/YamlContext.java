package dev.evbus.keyfiles;

import java.util.HashSet;
import java.util.Set;

/**
 * Where {@link YamlTokens} is in the document: the root, or a mapping (with the field last named)
 * or a sequence (with the index of its element) inside its parent. It keeps the rules of the
 * Jackson parsing context that key files were read with, because a problem is reported at the
 * field that context names: see {@link #pointer}. Not thread-safe: one chain per read.
 */
final class YamlContext {
    private enum Kind { ROOT, OBJECT, ARRAY }

    private final Kind kind;
    private final YamlContext parent;
    private final int depth;
    /** The field last named in a mapping; null before the first. */
    private String name;
    /** The index of the element being read in a sequence; -1 before the first. */
    private int index = -1;
    /** The names given so far in a mapping: a field may appear once. */
    private final Set<String> names = new HashSet<>();

    private YamlContext(Kind kind, YamlContext parent) {
        this.kind = kind;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    static YamlContext root() {
        return new YamlContext(Kind.ROOT, null);
    }

    YamlContext object() {
        return new YamlContext(Kind.OBJECT, this);
    }

    YamlContext array() {
        return new YamlContext(Kind.ARRAY, this);
    }

    YamlContext parent() {
        return parent;
    }

    boolean inObject() {
        return kind == Kind.OBJECT;
    }

    boolean inArray() {
        return kind == Kind.ARRAY;
    }

    /** How many mappings and sequences this is inside, itself included (the root is 0). */
    int depth() {
        return depth;
    }

    /** Names the field being read; false if the mapping named it before (the name is kept either way). */
    boolean name(String field) {
        name = field;
        return names.add(field);
    }

    /** A sequence's next element (or its end) is being read. */
    void nextElement() {
        index++;
    }

    /**
     * The JSON Pointer Jackson's context gives ({@code pathAsPointer}): the innermost mapping or
     * sequence counts only once it has named a field or started an element; an outer mapping
     * that has named none counts as {@code ""}, an outer sequence before its first element as 0.
     */
    String pointer() {
        YamlContext at = this;
        if (!(kind == Kind.OBJECT ? name != null : kind == Kind.ARRAY && index >= 0)) {
            at = parent;
        }
        String pointer = "";
        for (; at != null; at = at.parent) {
            if (at.kind == Kind.OBJECT) {
                pointer = "/" + SourceDocument.escape(at.name == null ? "" : at.name) + pointer;
            } else if (at.kind == Kind.ARRAY) {
                pointer = "/" + Math.max(at.index, 0) + pointer;
            }
        }
        return pointer;
    }
}
