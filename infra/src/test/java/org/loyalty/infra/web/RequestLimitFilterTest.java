package org.loyalty.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.PayloadTooLargeException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class RequestLimitFilterTest {

    final RequestLimitFilter filter = new RequestLimitFilter(new HttpProperties(DataSize.ofBytes(100)), JsonMapper.builder().build());

    @Test
    void aDeclaredLengthOverTheLimitIsA413ProblemAndTheHandlerIsNeverCalled() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/members")
                .contentType(MediaType.APPLICATION_JSON).contentLength(101).body("x".repeat(101)));

        filter.filter(exchange, e -> Mono.error(new AssertionError("handler called"))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"status\":413").contains("\"field\":\"body\"").contains("must be at most 100 bytes");
    }

    @Test
    void aBodyAtTheLimitPasses() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/members")
                .contentLength(100).body("x".repeat(100)));

        filter.filter(exchange, e -> e.getRequest().getBody().then()).block();

        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void aChunkedBodyFailsWith413OnceItPassesTheLimit() {
        Flux<DataBuffer> chunks = Flux.range(0, 5).map(i -> DefaultDataBufferFactory.sharedInstance.wrap("x".repeat(30).getBytes(StandardCharsets.UTF_8)));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/members").body(chunks));

        assertThatThrownBy(() -> filter.filter(exchange, e -> DataBufferUtils.join(e.getRequest().getBody()).then()).block())
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void aNulInThePathIsA400Problem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/api/v1/members/a%00b/balance")));

        filter.filter(exchange, e -> Mono.error(new AssertionError("handler called"))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("must not contain a NUL character");
    }
}
