package org.loyalty.infra.program;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The loyalty program's settings.
 *
 * @param pointsPerUnit       base points per whole currency unit of a purchase's net total
 * @param currencies          ISO 4217 codes the POS may send
 * @param clockSkewTolerance  how far in the future a POS's {@code occurredAt} may lie
 */
@ConfigurationProperties("loyalty.program")
public record ProgramProperties(
        @DefaultValue("1") BigDecimal pointsPerUnit,
        @DefaultValue({"USD", "EUR", "GBP", "CAD", "AUD"}) Set<String> currencies,
        @DefaultValue("PT5M") Duration clockSkewTolerance) {
}
