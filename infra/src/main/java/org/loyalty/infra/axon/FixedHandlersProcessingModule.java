package org.loyalty.infra.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Axon's event processing module, building the streaming processors (tracking and pooled, however they were
 * registered: the properties' modes or the configurations' customisations) over a {@link FixedHandlersInvoker}.
 * Everything else (token stores, error handlers, monitors, executors) is the module's own.
 */
class FixedHandlersProcessingModule extends EventProcessingModule {

    @Override
    protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                    TrackingEventProcessorConfiguration configuration,
                                                    StreamableMessageSource<TrackedEventMessage<?>> source) {
        return super.trackingEventProcessor(name, FixedHandlersInvoker.of(invoker), configuration, source);
    }

    @Override
    protected EventProcessor pooledStreamingEventProcessor(String name, EventHandlerInvoker invoker, Configuration config,
                                                           StreamableMessageSource<TrackedEventMessage<?>> source,
                                                           PooledStreamingProcessorConfiguration customization) {
        return super.pooledStreamingEventProcessor(name, FixedHandlersInvoker.of(invoker), config, source, customization);
    }
}
