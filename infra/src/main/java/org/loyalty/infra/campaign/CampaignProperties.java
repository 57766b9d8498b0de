package org.loyalty.infra.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When campaigns are evaluated ({@code loyalty.campaigns}).
 *
 * @param evaluationInterval every member against every live campaign this often
 * @param triggerPollInterval members noted after an event (purchase, resolved ticket, tier change, enrolment) this often
 */
@ConfigurationProperties("loyalty.campaigns")
public record CampaignProperties(
        @DefaultValue("PT1H") Duration evaluationInterval,
        @DefaultValue("PT1S") Duration triggerPollInterval,
        @DefaultValue("true") boolean scheduled) {
}
