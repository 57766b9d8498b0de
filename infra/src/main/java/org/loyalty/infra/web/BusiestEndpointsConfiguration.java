package org.loyalty.infra.web;

import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The request mapping Spring Boot configures, as a {@link BusiestFirstRequestMapping}: the mobile apps' balance read,
 * thousands a second where every other templated endpoint sees a few, is matched before the rest. And the
 * actuator's endpoints asked after the application's rather than before.
 */
@Configuration(proxyBeanMethods = false)
public class BusiestEndpointsConfiguration {

    static final List<String> BUSIEST = List.of("GET /api/v1/members/{memberId}/balance");

    /**
     * Where the actuator's mapping goes: after the application's request mapping (order 0), before the static
     * resources' (Swagger UI's, at the lowest precedence but one).
     */
    static final int ACTUATOR_ORDER = 1;

    @Bean
    WebFluxRegistrations busiestEndpointsFirst() {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new BusiestFirstRequestMapping(BUSIEST);
            }
        };
    }

    /**
     * Spring Boot puts the actuator's mapping first (order -100), so every API request was first checked against
     * each actuator endpoint, 3% of a balance read's CPU after {@link BusiestFirstRequestMapping} (bench/NOTES.md item
     * 59). No path is in both (the actuator's are under {@code /actuator}, the application's under {@code /api} and
     * the API document's), so the order changes no answer, only which mapping is asked first: the actuator's
     * requests, a scrape every few seconds, now pass the application's mapping first.
     */
    @Bean
    static BeanPostProcessor actuatorAfterTheApplication() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractWebFluxEndpointHandlerMapping actuator) {
                    actuator.setOrder(ACTUATOR_ORDER);
                }
                return bean;
            }
        };
    }
}
