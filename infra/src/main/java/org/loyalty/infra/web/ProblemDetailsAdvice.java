package org.loyalty.infra.web;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.error.Violation;
import org.loyalty.infra.security.NotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error leaves as RFC 9457 problem details ({@code application/problem+json}). Input errors
 * carry {@code errors: [{field, message}]} naming the fields as they appear in the request body.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    static final String TYPE_BASE = "https://loyalty-platform.dev/problems/";
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate Object property \"(.+?)\"");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, ServerWebExchange exchange) {
        return logged(exchange, invalidRequest(e.violations()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, ServerWebExchange exchange) {
        return logged(exchange, aboutField(HttpStatus.NOT_FOUND, "not-found", "Not found", e.field(), e.getMessage()));
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> refused(RuleViolationException e, ServerWebExchange exchange) {
        return logged(exchange, aboutField(HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", "Refused by the program's rules",
                e.field(), e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, ServerWebExchange exchange) {
        return logged(exchange, aboutField(HttpStatus.CONFLICT, "conflict", "Conflict", e.field(), e.getMessage()));
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ProblemDetail> notAllowed(NotAllowedException e, ServerWebExchange exchange) {
        return logged(exchange, aboutField(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.field(), e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        try (MDC.MDCCloseable id = withCorrelationId(exchange)) {
            log.error("Unexpected failure", e);
        }
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; nothing was changed by it. Try again later."));
    }

    /** Unreadable JSON, wrong types, bad query parameters: name the field when we can find it. */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException e, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        Violation violation = violationOf(e);
        return Mono.just(ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(logged(exchange, invalidRequest(List.of(violation))).getBody()));
    }

    static Violation violationOf(ServerWebInputException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                // Too deep, too long a number or string: refused before it was read in full.
                // The path ends at the object being read when the value broke the limit: its field is not known yet.
                return new Violation(orBody(fieldPath(limit)), "exceeds a limit: " + limit.getOriginalMessage());
            }
            if (t instanceof UnrecognizedPropertyException unknown) {
                return new Violation(fieldPath(unknown), "is not a field of this request");
            }
            if (t instanceof StreamReadException syntax) {
                Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(syntax.getOriginalMessage()));
                if (duplicate.find()) {
                    return new Violation(duplicate.group(1), "is given more than once");
                }
                String field = fieldPath(syntax);
                if (syntax instanceof InputCoercionException coercion && !field.isEmpty()) {
                    // A number too large for its field: the field is at fault, not the JSON.
                    return new Violation(field, "must be " + describe(coercion.getTargetType()) + " within range");
                }
                // The text is not JSON at all: the body is at fault, wherever the parser stopped.
                return new Violation("body", "is not valid JSON: " + syntax.getOriginalMessage());
            }
            if (t instanceof InvalidFormatException format && SafeTextDeserializer.MESSAGE.equals(format.getOriginalMessage())) {
                return new Violation(orBody(fieldPath(format)), SafeTextDeserializer.MESSAGE);
            }
            if (t instanceof JacksonException json) {
                return new Violation(orBody(fieldPath(json)), "must be " + expected(json));
            }
        }
        if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                && !e.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
            return new Violation(e.getMethodParameter().getParameterName(), "must be " + describe(e.getMethodParameter().getParameterType()));
        }
        return new Violation("body", e.getReason() == null ? "is missing or unreadable" : e.getReason());
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }

    /** What the field should have held, in the client's terms rather than Java's. */
    private static String expected(JacksonException e) {
        return e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? describe(mismatch.getTargetType())
                : "a valid value";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 1990-12-31";
        }
        if (type == java.time.Instant.class) {
            return "a timestamp such as 2026-03-01T09:30:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Jackson's path [items, 2, quantity] as items[2].quantity. */
    static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<ProblemDetail> aboutField(HttpStatus status, String type, String title, String field, String message) {
        ProblemDetail problem = problem(status, type, title, message);
        problem.setProperty("errors", List.of(new Violation(field, message)));
        return respond(problem);
    }

    private static ResponseEntity<ProblemDetail> invalidRequest(List<Violation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                violations.stream().map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        problem.setProperty("errors", violations);
        return respond(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * Logs a refusal (at debug) with the request's correlation id in the MDC. A refusal is decided on whichever
     * thread the request's last step ran (Netty's, R2DBC's, a scheduler's), and Reactor does not carry thread-locals
     * from one to the next (spring.reactor.context-propagation is limited, for its cost), so the id is taken from the
     * exchange, where {@link CorrelationIdFilter} left it.
     */
    private static ResponseEntity<ProblemDetail> logged(ServerWebExchange exchange, ResponseEntity<ProblemDetail> refusal) {
        ProblemDetail problem = refusal.getBody();
        if (problem != null && log.isDebugEnabled()) {
            try (MDC.MDCCloseable id = withCorrelationId(exchange)) {
                log.debug("Refused with {} {}: {}", problem.getStatus(), problem.getType(), problem.getDetail());
            }
        }
        return refusal;
    }

    /** The request's correlation id in the MDC until closed; null (nothing to close) when the exchange has none. */
    private static MDC.MDCCloseable withCorrelationId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(CorrelationId.CONTEXT_KEY);
        return id == null ? null : MDC.putCloseable(CorrelationId.MDC_KEY, id);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
