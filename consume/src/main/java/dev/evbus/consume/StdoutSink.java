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
    private int bufferedLines;
    /** Read by the thread that prints the exited line after the writers stopped. */
    private volatile long delivered;

    @Override
    public void write(byte[] json, int offset, int length) throws IOException {
        if (size + length + 1 > buffer.length) {
            drain();
            if (length + 1 > buffer.length) {
                out.write(json, offset, length);
                out.write('\n');
                delivered++;
                return;
            }
        }
        System.arraycopy(json, offset, buffer, size, length);
        size += length;
        buffer[size++] = '\n';
        bufferedLines++;
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    private void drain() throws IOException {
        if (size > 0) {
            int length = size;
            int lines = bufferedLines;
            size = 0;
            bufferedLines = 0;
            out.write(buffer, 0, length);
            delivered += lines;
        }
    }

    @Override
    public void close() throws IOException {
        drain();
    }
}
