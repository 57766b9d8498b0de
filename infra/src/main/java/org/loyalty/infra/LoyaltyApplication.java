package org.loyalty.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The loyalty platform: WebFlux API, Axon command and query sides, PostgreSQL (embedded unless a URL is set). */
@SpringBootApplication(excludeName = {
        // Declared by hand in AxonConfiguration: this one orders itself after Boot 3's meter registry
        // auto-configurations, which Boot 4 renamed, and would install a second, unexported registry.
        "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration",
        // Phones home to get.axoniq.io; a loyalty platform does not.
        "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration"
})
@ConfigurationPropertiesScan
public class LoyaltyApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoyaltyApplication.class, args);
    }
}
