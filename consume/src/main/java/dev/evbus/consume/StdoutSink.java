package dev.evbus.consume;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** NDJSON on standard output, buffered between flushes; a closed pipe surfaces as an IOException. */
final class StdoutSink implements Sink {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private final byte[] buffer = new byte[BUFFER];
    private int size;

    @Override
    public void write(byte[] json, int offset, int length) throws IOException {
        if (size + length + 1 > buffer.length) {
            drain();
            if (length + 1 > buffer.length) {
                out.write(json, offset, length);
                out.write('\n');
                return;
            }
        }
        System.arraycopy(json, offset, buffer, size, length);
        size += length;
        buffer[size++] = '\n';
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    private void drain() throws IOException {
        if (size > 0) {
            int length = size;
            size = 0;
            out.write(buffer, 0, length);
        }
    }

    @Override
    public void close() throws IOException {
        drain();
    }
}
