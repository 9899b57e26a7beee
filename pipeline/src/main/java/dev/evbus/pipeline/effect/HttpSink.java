package dev.evbus.pipeline.effect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code http} sink: the item's value as a JSON request body ({@code POST} unless
 * {@code method} says otherwise). A 2xx answer delivers it; any other status, an I/O error or the
 * {@code timeout} fails the attempt. The answer's body is discarded unread: only its status counts.
 */
final class HttpSink implements Stage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    /** One client per process, made on the first request, so {@code keys check} starts no threads. */
    private static final class Client {
        static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private final URI url;
    private final String method;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Longer ids are not sent as a key: a receiver's key store should not be sized by our input. */
    private static final int MAX_KEY = 255;

    private final List<String> headers;
    private final Duration timeout;
    /** The url without query or user info, for messages: either may hold a secret. */
    private final String shown;

    private HttpSink(URI url, String method, List<String> headers, Duration timeout) {
        this.url = url;
        this.method = method;
        this.headers = List.copyOf(headers);
        this.timeout = timeout;
        this.shown = url == null ? "" : url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath();
    }

    static HttpSink create(Options options) {
        String text = options.requiredString("url");
        URI url = null;
        if (!text.isEmpty() && !options.unresolved("url")) {
            url = parse(options, text);
        }
        String method = options.string("method", "POST").toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            options.problem("method", "must be an HTTP method such as POST or PUT, not \"" + method + "\"");
        }
        Duration timeout = options.duration("timeout", Duration.ofSeconds(10));
        if (timeout.isZero() || timeout.isNegative()) {
            options.problem("timeout", "must be positive");
            timeout = Duration.ofSeconds(10);
        }
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : options.object("headers").properties()) {
            headers.add(header.getKey());
            headers.add(options.substitute("headers", header.getValue().asText()));
        }
        HttpSink sink = new HttpSink(url, method, headers, timeout);
        if (url != null) {
            try {
                sink.request(new byte[0], null); // the JDK refuses some headers (Host, Content-Length…): say so now
            } catch (IllegalArgumentException refused) {
                options.problem("headers", refused.getMessage());
            }
        }
        return sink;
    }

    private static URI parse(Options options, String text) {
        try {
            URI url = new URI(text);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                options.problem("url", "must be an http:// or https:// URL with a host, not \"" + text + "\"");
                return null;
            }
            return url;
        } catch (URISyntaxException bad) {
            options.problem("url", "is not a URL: " + bad.getMessage());
            return null;
        }
    }

    /** What this sink does, for a rehearsal: {@code would POST https://host/path} (no query or user info). */
    String intent() {
        return "would " + method + " " + shown;
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(item.value());
        } catch (JsonProcessingException cannot) {
            throw new StageFailure(method + " " + shown + ": " + cannot.getOriginalMessage());
        }
        int status;
        try {
            status = Client.SHARED.send(request(body, idempotencyKey(item)), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException slow) {
            throw new StageFailure(method + " " + shown + ": no answer within " + timeout.toMillis() + " ms");
        } catch (IOException failed) {
            throw new StageFailure(method + " " + shown + ": " + (failed.getMessage() == null
                    ? failed.getClass().getSimpleName() : failed.getClass().getSimpleName() + ": " + failed.getMessage()));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            throw new StageFailure(method + " " + shown + ": interrupted");
        }
        if (status / 100 != 2) {
            throw new StageFailure(method + " " + shown + " answered HTTP " + status);
        }
    }

    /**
     * The event's id, sent as {@code Idempotency-Key} so that a receiver can drop the repeats that
     * at-least-once delivery makes (a retry, a replay, a pipeline resumed after a crash). Null when
     * the event has no id, or one that is not plain printable ASCII (a header cannot carry it as is).
     */
    private static String idempotencyKey(Item item) {
        String id = item.envelope() == null ? null : item.envelope().eventId();
        if (id == null || id.isEmpty() || id.length() > MAX_KEY) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < 0x21 || id.charAt(i) > 0x7e) {
                return null;
            }
        }
        return id;
    }

    private HttpRequest request(byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header(IDEMPOTENCY_KEY, idempotencyKey); // a configured header of that name replaces it below
        }
        for (int i = 0; i < headers.size(); i += 2) {
            request.setHeader(headers.get(i), headers.get(i + 1));
        }
        return request.build();
    }
}
