package org.loyalty.infra.observability;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.loyalty.infra.web.CorrelationId;
import org.slf4j.MDC;

/** Puts the event's request correlation id (metadata {@value CorrelationId#METADATA_KEY}) into the MDC while it is handled. */
class CorrelationIdMdcInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Object id = unitOfWork.getMessage().getMetaData().get(CorrelationId.METADATA_KEY);
        if (id == null) {
            return interceptorChain.proceed();
        }
        String previous = MDC.get(CorrelationId.MDC_KEY);
        MDC.put(CorrelationId.MDC_KEY, id.toString());
        try {
            return interceptorChain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationId.MDC_KEY);
            } else {
                MDC.put(CorrelationId.MDC_KEY, previous);
            }
        }
    }
}
