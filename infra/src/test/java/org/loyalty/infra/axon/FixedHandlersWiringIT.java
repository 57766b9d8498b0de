package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every processor of the application, tracking or pooled, runs over a {@link FixedHandlersInvoker}: wired, not only written. */
@IntegrationTest
class FixedHandlersWiringIT {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyProcessorAsksItsHandlerGroupsOnce() {
        Map<String, EventProcessor> processors = processing.eventProcessors();

        assertThat(processors).containsKeys("member-accounts", "webhook-outbox");
        assertThat(processors).allSatisfy((name, processor) ->
                assertThat(((AbstractEventProcessor) processor).eventHandlerInvoker()).as(name)
                        .isInstanceOf(FixedHandlersInvoker.class));
    }
}
