package org.loyalty.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.web.CorrelationId;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The JSON lines that {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} switches on (Spring Boot's own encoder,
 * as its logback configuration uses it) carry the request's correlation id from the MDC.
 */
class StructuredLogsTest {

    @Test
    void anEcsLineCarriesTheCorrelationIdFromTheMdc() {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new MockEnvironment().withProperty("spring.application.name", "loyalty-platform"));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();

        LoggingEvent event = new LoggingEvent("test", context.getLogger("org.loyalty.test"), Level.INFO, "Purchase recorded", null, null);
        event.setMDCPropertyMap(Map.of(CorrelationId.MDC_KEY, "pos-7:req-42"));
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).startsWith("{").contains("\"correlationId\":\"pos-7:req-42\"").contains("\"message\":\"Purchase recorded\"");
    }
}
