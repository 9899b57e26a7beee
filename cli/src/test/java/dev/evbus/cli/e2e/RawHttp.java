package dev.evbus.cli.e2e;

import dev.evbus.testkit.Poll;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a plain socket, for what the JDK's HttpClient will not do: hold a
 * thousand keep-alive connections open at once, or send half a request and stop. Reads block at
 * most {@link Poll#PATIENCE}, so a server that hangs fails the test instead of stalling it.
 * One thread at a time.
 */
final class RawHttp implements Closeable {
    /** An answer: status, headers with lower-case names, body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) Poll.PATIENCE.toMillis());
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** {@code hostPort} as the source's status gives it: {@code 127.0.0.1:45831}. */
    static RawHttp connect(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                (int) Poll.PATIENCE.toMillis());
        return new RawHttp(socket);
    }

    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: evbus\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: evbus\r\n\r\n";
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next answer on this connection (a Content-Length body, as every answer of the source has). */
    Response read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("the server closed after " + body.length + " of " + length + " body bytes");
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection after " + head.size() + " bytes of an answer");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8).strip();
    }

    /**
     * Reads until the server ends the connection (end of stream or a reset) and returns what it
     * sent before; a server that keeps it open past the patience fails with a timeout.
     */
    String awaitClosedByServer() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            in.transferTo(got);
        } catch (SocketException reset) {
            // closed with unread input on its side: the kernel answers with a reset, which is a close too
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
