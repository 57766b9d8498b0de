package org.loyalty.infra.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound webhooks, {@code loyalty.webhooks} in application.yml.
 *
 * @param pollInterval   how often each node looks for deliveries that are due
 * @param batchSize      deliveries claimed at a time by one node
 * @param concurrency    requests in flight at once per node
 * @param requestTimeout for one request, connecting included; then the attempt counts as failed and is retried
 * @param lease          a claimed delivery is not claimed again before this (its node may be sending it); must exceed the timeout
 * @param retry          the backoff between attempts and how many there are
 * @param pointsExpiring the scan for points that expire soon
 * @param allowPrivateAddresses whether subscribers may be at loopback, private or link-local addresses; off, a
 *                       subscriber URL cannot make the platform call into its own network (SSRF)
 */
@ConfigurationProperties("loyalty.webhooks")
public record WebhookProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("8") int concurrency,
        @DefaultValue("PT5S") Duration requestTimeout,
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue Retry retry,
        @DefaultValue PointsExpiring pointsExpiring,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    public WebhookProperties {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("loyalty.webhooks.batch-size and concurrency must be positive");
        }
        if (lease.compareTo(requestTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("loyalty.webhooks.lease (" + lease + ") must be at least twice the request-timeout ("
                    + requestTimeout + "): a delivery being sent must not be claimed by another node");
        }
    }

    /**
     * @param delays      the wait after the 1st, 2nd, ... failed attempt; the last one repeats
     * @param jitter      each wait is stretched or shrunk at random by up to this fraction (0.2: +-20%), so that
     *                    deliveries that failed together do not all come back at the same instant
     * @param maxAttempts attempts in all, the first included; then the delivery is FAILED
     */
    public record Retry(
            @DefaultValue({"PT10S", "PT30S", "PT2M", "PT10M", "PT1H", "PT6H", "PT12H"}) List<Duration> delays,
            @DefaultValue("0.2") double jitter,
            @DefaultValue("10") int maxAttempts) {
    }

    /**
     * @param within       points expiring at most this far ahead are notified
     * @param scanInterval how often each node scans (every scan adds only what no earlier scan did)
     * @param batchSize    members per query of the scan
     */
    public record PointsExpiring(
            @DefaultValue("P7D") Duration within,
            @DefaultValue("PT1H") Duration scanInterval,
            @DefaultValue("500") int batchSize) {
    }
}
