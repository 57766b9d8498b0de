package org.loyalty.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.web.CorrelationId;
import org.loyalty.infra.web.ProblemDetailsAdvice;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * Log lines written while a request is handled, on whatever thread Reactor runs that step (Netty's,
 * R2DBC's, a scheduler's), carry the request's correlation id, and only that request's.
 */
@IntegrationTest
class RequestLogCorrelationIT {

    /** What was logged, with the MDC as it was on the logging thread at that moment. */
    record Line(String thread, String message, String correlationId) {
    }

    static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Line(event.getThreadName(), event.getFormattedMessage(), event.getMDCPropertyMap().get(CorrelationId.MDC_KEY)));
        }
    }

    @LocalServerPort
    int port;

    final Logger advice = (Logger) LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    final Capture capture = new Capture();
    Level level;

    @BeforeEach
    void captureTheRefusalLog() {
        level = advice.getLevel();
        advice.setLevel(Level.DEBUG);
        capture.start();
        advice.addAppender(capture);
    }

    @AfterEach
    void stopCapturing() {
        advice.detachAppender(capture);
        advice.setLevel(level);
    }

    @Test
    void aRefusalDecidedAfterADatabaseReadIsLoggedWithTheRequestsCorrelationId() {
        LoyaltyApi api = new LoyaltyApi(port);

        api.http().get().uri("/api/v1/members/{id}/balance", "no-such-member-for-logs")
                .header(CorrelationId.HEADER, "log-check:r2dbc-1")
                .exchange().expectStatus().isNotFound();

        Line line = lineAbout("no-such-member-for-logs");
        assertThat(line.correlationId()).as("MDC of the line logged on thread %s", line.thread()).isEqualTo("log-check:r2dbc-1");
        assertThat(line.thread()).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aRefusalOfAnUnreadableBodyIsLoggedWithTheRequestsCorrelationId() {
        LoyaltyApi api = new LoyaltyApi(port);

        api.http().post().uri("/api/v1/members").contentType(MediaType.APPLICATION_JSON)
                .header(CorrelationId.HEADER, "log-check:netty-2")
                .bodyValue("{\"name\": \"Ann\", \"email\": 12345}")
                .exchange().expectStatus().isBadRequest();

        Line line = lineAbout("email must be a string");
        assertThat(line.correlationId()).as("MDC of the line logged on thread %s", line.thread()).isEqualTo("log-check:netty-2");
    }

    @Test
    void theIdOfOneRequestDoesNotLeakIntoTheLogOfTheNext() {
        LoyaltyApi api = new LoyaltyApi(port);
        api.http().get().uri("/api/v1/members/{id}/balance", "first-member-for-logs")
                .header(CorrelationId.HEADER, "log-check:first").exchange().expectStatus().isNotFound();
        lineAbout("first-member-for-logs");

        String generated = api.http().get().uri("/api/v1/members/{id}/balance", "second-member-for-logs")
                .exchange().expectStatus().isNotFound()
                .returnResult(String.class).getResponseHeaders().getFirst(CorrelationId.HEADER);

        assertThat(lineAbout("second-member-for-logs").correlationId()).isEqualTo(generated).isNotEqualTo("log-check:first");
    }

    private Line lineAbout(String text) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> capture.lines.stream().anyMatch(l -> l.message().contains(text)));
        return capture.lines.stream().filter(l -> l.message().contains(text)).findFirst().orElseThrow();
    }
}
