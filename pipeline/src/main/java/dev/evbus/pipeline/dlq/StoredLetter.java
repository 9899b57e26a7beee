package dev.evbus.pipeline.dlq;

import dev.evbus.pipeline.DeadLetter;
import java.nio.file.Path;

/**
 * A dead letter as it lies in the store.
 *
 * @param id     unique and sortable by time: {@code <yyyyMMdd'T'HHmmssSSS'Z'>-<8 hex digits>}
 * @param letter what failed, where and why
 * @param file   the letter's file
 */
public record StoredLetter(String id, DeadLetter letter, Path file) {
}
