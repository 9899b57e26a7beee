package dev.evbus.event.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One stage of a pipeline as written, before it is compiled against a consumer's params. Declared
 * stages carry their options as JSON exactly as a key file spells them, so a key file and a Java
 * plugin reach the same compiler and mean the same thing; a custom stage is Java code.
 */
public sealed interface StageSpec {

    /** The stage's name in key files and error messages, such as {@code filter} or {@code lookup}. */
    String kind();

    /**
     * A library stage: {@code kind} names it, {@code options} holds its options (a private deep copy;
     * callers must not mutate what {@link #options()} returns).
     */
    record Declared(String kind, ObjectNode options) implements StageSpec {
        public Declared {
            Objects.requireNonNull(kind, "kind");
            options = options == null ? null : options.deepCopy();
            Objects.requireNonNull(options, "options");
        }
    }

    /** A stage written in Java by a plugin; {@code name} identifies it in warnings and dead letters. */
    record Custom(String name, JavaStage stage) implements StageSpec {
        public Custom {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stage, "stage");
        }

        @Override
        public String kind() {
            return "custom";
        }
    }
}
