package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;

class TrackingSegmentCoverageTest {

    private final InMemoryTokenStore tokenStore = new InMemoryTokenStore();

    @Test
    void aTrackingProcessorWithMoreStoredSegmentsThanThreadsStopsTheStartAndSaysHowToGoOn() {
        tokenStore.initializeTokenSegments("member-accounts", 8);

        assertThatThrownBy(() -> TrackingSegmentCoverage.verify(processor("member-accounts", EventProcessorProperties.Mode.TRACKING, 2), tokenStore))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("member-accounts has 8 segments in tokenentry but 2 threads")
                .hasMessageContaining("axon.eventhandling.processors.member-accounts.thread-count=8");
    }

    @Test
    void aThreadForEverySegmentOrAFreshDatabaseIsFine() {
        tokenStore.initializeTokenSegments("member-accounts", 2);

        assertThatCode(() -> TrackingSegmentCoverage.verify(processor("member-accounts", EventProcessorProperties.Mode.TRACKING, 2), tokenStore))
                .doesNotThrowAnyException();
        assertThatCode(() -> TrackingSegmentCoverage.verify(processor("never-run", EventProcessorProperties.Mode.TRACKING, 1), tokenStore))
                .doesNotThrowAnyException();
    }

    @Test
    void aPooledProcessorSharesItsThreadsAmongAnyNumberOfSegments() {
        tokenStore.initializeTokenSegments("interactions", 8);

        assertThatCode(() -> TrackingSegmentCoverage.verify(processor("interactions", EventProcessorProperties.Mode.POOLED, 2), tokenStore))
                .doesNotThrowAnyException();
    }

    private static EventProcessorProperties processor(String name, EventProcessorProperties.Mode mode, int threads) {
        EventProcessorProperties properties = new EventProcessorProperties();
        EventProcessorProperties.ProcessorSettings settings = new EventProcessorProperties.ProcessorSettings();
        settings.setMode(mode);
        settings.setThreadCount(threads);
        properties.getProcessors().put(name, settings);
        return properties;
    }
}
