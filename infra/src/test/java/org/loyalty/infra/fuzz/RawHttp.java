package org.loyalty.infra.fuzz;

import org.loyalty.infra.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends requests byte for byte as the fuzz builds them: any body, any or no content type, with a
 * Content-Length or chunked. WebTestClient would re-encode bodies and refuse some of them.
 */
final class RawHttp {

    record Answer(int status, String contentType, String body) {
    }

    private final HttpClient client = newClient();
    /** Refusals take milliseconds; a first try that takes this long is waiting on a stale connection. */
    static final Duration FIRST_TRY = Duration.ofSeconds(2);

    private final String base;
    /** Requests sent a second time on a new connection after the first timed out. */
    int retried;

    RawHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer send(String method, String pathAndQuery, String contentType, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            // No length known up front: sent with Transfer-Encoding: chunked.
            publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(FIRST_TRY)
                .header("Authorization", "Bearer " + TestTokens.admin())
                .method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            // Netty answers an overlong request line with 414 but leaves the connection unusable for the
            // next request: such requests get a connection of their own.
            HttpClient sender = pathAndQuery.length() > 4_000 ? newClient() : client;
            HttpResponse<String> response;
            try {
                response = sender.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException stale) {
                // The JDK client now and then sends on a pooled connection the server has just closed (after
                // an answer given without reading the whole body) and waits in vain. Once more, on a new
                // connection: a server that hangs on the request times out again.
                retried++;
                request.timeout(Duration.ofSeconds(30));
                response = newClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(pathAndQuery) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, null, false);
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
