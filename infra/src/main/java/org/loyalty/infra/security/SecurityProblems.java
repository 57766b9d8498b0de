package org.loyalty.infra.security;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401, 403 and 429 as problem+json, like every other error of the API. The texts never say whether the
 * thing asked for exists: a member asking for another member's data gets the same 403 for any id.
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

    private static final String TYPE_BASE = "https://loyalty-platform.dev/problems/";

    /** No credentials, or credentials that do not check out (expired, wrong signature, unknown key). */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        boolean presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || exchange.getRequest().getHeaders().containsHeader(ApiKeyAuthentication.HEADER);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        return write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                presented ? "The bearer token or API key is not valid (expired, badly signed, revoked or unknown)."
                        : "Send a bearer token (Authorization: Bearer ...) or, from a till, an API key (X-Api-Key).");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return forbidden(exchange, "This caller may not do this.");
    }

    /** Spring Security's firewall refused the request line (an encoded slash, a dot segment, ...). */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException e) {
        return write(exchange, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "path: the request path is not acceptable (encoded slashes, dot segments and the like are refused)");
    }

    static Mono<Void> forbidden(ServerWebExchange exchange, String detail) {
        return write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    static Mono<Void> tooManyRequests(ServerWebExchange exchange, long retryAfterSeconds) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "This client sent more requests than its rate limit allows; retry after " + retryAfterSeconds + " s.");
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"" + TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"instance\":\""
                + exchange.getRequest().getPath().value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }
}
