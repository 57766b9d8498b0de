package org.loyalty.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * The application's JSON encoder reuses Jackson's buffers from one response body to the next
 * ({@link JsonBuffersConfiguration}): with Jackson 3's default pool each body took about 18 KB of new buffers.
 */
@IntegrationTest
class ResponseBodyBuffersIT {

    private static final int BODIES = 5_000;

    @Autowired
    ServerCodecConfigurer codecs;

    @Test
    void aResponseBodyAllocatesNoNewBuffers() {
        JacksonJsonEncoder encoder = codecs.getWriters().stream()
                .filter(EncoderHttpMessageWriter.class::isInstance)
                .map(writer -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .filter(JacksonJsonEncoder.class::isInstance)
                .map(JacksonJsonEncoder.class::cast)
                .findFirst().orElseThrow();
        Map<String, Object> balance = Map.of("memberId", "M-1", "balance", 1_250, "pointsExpiring", 0);
        encode(encoder, balance, BODIES); // warm: the JIT, the writer caches and the thread's recycler

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        encode(encoder, balance, BODIES);
        long perBody = (threads.getCurrentThreadAllocatedBytes() - before) / BODIES;

        assertThat(perBody).as("bytes allocated per body encoded").isLessThan(6_000);
    }

    private static void encode(JacksonJsonEncoder encoder, Object value, int times) {
        for (int i = 0; i < times; i++) {
            DataBuffer body = encoder.encodeValue(value, DefaultDataBufferFactory.sharedInstance,
                    ResolvableType.forInstance(value), MediaType.APPLICATION_JSON, Map.of());
            DataBufferUtils.release(body);
        }
    }
}
