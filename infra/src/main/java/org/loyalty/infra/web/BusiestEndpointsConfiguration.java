package org.loyalty.infra.web;

import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The request mapping Spring Boot configures, as a {@link BusiestFirstRequestMapping}: the mobile apps' balance read,
 * thousands a second where every other templated endpoint sees a few, is matched before the rest.
 */
@Configuration(proxyBeanMethods = false)
public class BusiestEndpointsConfiguration {

    static final List<String> BUSIEST = List.of("GET /api/v1/members/{memberId}/balance");

    @Bean
    WebFluxRegistrations busiestEndpointsFirst() {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new BusiestFirstRequestMapping(BUSIEST);
            }
        };
    }
}
