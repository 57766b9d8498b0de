package org.loyalty.infra.web;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Jackson's buffers kept per thread, as Jackson 2 kept them. Jackson 3's default pool is refilled only by those who
 * release what they took, and the JSON encoder of Spring Framework 7.0.8 never releases the recycler it takes
 * (spring-framework#37058, fixed in a later release): every body it wrote allocated a fresh recycler and about 18 KB
 * of buffers, 17% of all that a balance read allocated (bench/NOTES.md item 55). The application's threads are a
 * fixed set (event loops, group-commit lanes, processors; no virtual threads), which a per-thread pool suits.
 */
@Configuration(proxyBeanMethods = false)
public class JsonBuffersConfiguration {

    @Bean
    JsonFactoryBuilderCustomizer jsonBuffersPerThread() {
        return factory -> factory.recyclerPool(JsonRecyclerPools.threadLocalPool());
    }
}
