package org.loyalty.infra.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.loyalty.api.error.Violation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before any handler sees them, request bodies larger than {@code loyalty.http.max-request-bytes}
 * (413) and request lines carrying a NUL character (400): PostgreSQL cannot store or even compare text
 * with NUL in it, so such an id would fail deep in a query instead of being simply unknown.
 *
 * <p>A declared Content-Length over the limit is refused without reading the body; a chunked body is
 * counted as it arrives and the request fails with 413 once it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestLimitFilter implements WebFilter {

    private static final long DRAIN_BYTES = 16L * 1024 * 1024;
    private static final long DRAIN_SECONDS = 10;

    private final long maxBytes;
    private final JsonMapper json;

    public RequestLimitFilter(HttpProperties properties, JsonMapper json) {
        this.maxBytes = properties.maxRequestBytes().toBytes();
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (hasNul(request)) {
            return refuse(exchange, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    new Violation("path", "must not contain a NUL character (%00)"));
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return drain(request).then(refuse(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
                    new Violation("body", "must be at most " + maxBytes + " bytes; this one declares " + declared)));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Counted(request, maxBytes)).build());
    }

    /**
     * Reads and drops what the client is still sending, up to {@value #DRAIN_BYTES} bytes and
     * {@value #DRAIN_SECONDS} seconds. A client that sends its whole body before reading the answer would
     * otherwise meet a connection reset (the unread bytes turn the close into an RST) instead of the 413.
     */
    private static Mono<Void> drain(ServerHttpRequest request) {
        AtomicLong seen = new AtomicLong();
        return request.getBody()
                .takeWhile(buffer -> {
                    long total = seen.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                    return total < DRAIN_BYTES;
                })
                .then()
                .timeout(Duration.ofSeconds(DRAIN_SECONDS), Mono.empty())
                .onErrorResume(e -> Mono.empty());
    }

    private static boolean hasNul(ServerHttpRequest request) {
        URI uri = request.getURI();
        String path = uri.getPath();
        String query = uri.getQuery();
        return (path != null && path.indexOf('\0') >= 0) || (query != null && query.indexOf('\0') >= 0)
                || uri.getRawPath().toLowerCase().contains("%00")
                || (uri.getRawQuery() != null && uri.getRawQuery().toLowerCase().contains("%00"));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String type, String title, Violation violation) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, violation.field() + " " + violation.message());
        problem.setType(URI.create(ProblemDetailsAdvice.TYPE_BASE + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
        problem.setProperty("errors", List.of(violation));
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        // The client may still be sending: closing after the answer saves reading a body nobody will use.
        exchange.getResponse().getHeaders().setConnection("close");
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }

    /** A body without a declared length, failed with 413 as soon as more than the limit has arrived. */
    private static final class Counted extends ServerHttpRequestDecorator {
        private final long maxBytes;

        Counted(ServerHttpRequest delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(new IllegalStateException(
                            "the request body passed " + maxBytes + " bytes")));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
