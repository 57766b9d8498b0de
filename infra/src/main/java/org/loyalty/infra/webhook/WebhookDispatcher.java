package org.loyalty.infra.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.loyalty.query.webhook.WebhookDeliveryTable;
import org.loyalty.query.webhook.WebhookDeliveryTable.ClaimedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.netty.resolver.DefaultAddressResolverGroup;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends the outbox's deliveries. Every {@code poll-interval} each node claims the deliveries that are
 * due on the application's {@link Clock} (one short statement: {@code FOR UPDATE SKIP LOCKED}, so
 * nodes sharing the database never take the same row, and a lease in {@code next_attempt_at}), sends
 * them with no transaction open, and records each outcome in another short statement:
 * <ul>
 *   <li>2xx: DELIVERED;</li>
 *   <li>4xx other than 408 and 429: FAILED at once (the subscriber refuses it; trying again cannot help);</li>
 *   <li>anything else, a timeout or a connection error: tried again after the {@link RetrySchedule}'s
 *       delay, until the last attempt, then FAILED.</li>
 * </ul>
 * Delivery is at least once: a node that dies after sending and before recording leaves the row to be
 * sent again when its lease runs out. Subscribers deduplicate on {@code X-Loyalty-Delivery}.
 * Meter: {@code webhook.deliveries{result=delivered|retried|failed}}, one count per recorded attempt.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Rounds per tick while every round fills a whole batch, so a backlog drains without waiting for the next tick. */
    private static final int MAX_ROUNDS_PER_TICK = 20;

    private final WebhookDeliveryTable deliveries;
    private final Clock clock;
    private final WebhookProperties settings;
    private final RetrySchedule retries;
    private final WebhookDeliveredHook hook;
    private final Counter delivered;
    private final Counter retried;
    private final Counter failed;
    private ConnectionProvider connections;
    private WebClient http;
    private ScheduledExecutorService executor;

    WebhookDispatcher(WebhookDeliveryTable deliveries, Clock clock, WebhookProperties settings, RetrySchedule retries,
                      WebhookDeliveredHook hook, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.settings = settings;
        this.retries = retries;
        this.hook = hook;
        this.delivered = counter(meters, "delivered");
        this.retried = counter(meters, "retried");
        this.failed = counter(meters, "failed");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("webhook.deliveries")
                .description("Webhook delivery attempts by outcome: delivered, retried later, or failed for good")
                .tag("result", result)
                .register(meters);
    }

    /** One round: claims the due deliveries, sends them (at most {@code concurrency} at once), records each outcome. */
    int dispatchOnce() {
        Instant now = clock.instant();
        List<ClaimedDelivery> claimed = deliveries.claimDue(now, now.plus(settings.lease()), settings.batchSize());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Attempt> attempts = Flux.fromIterable(claimed)
                .flatMap(this::send, settings.concurrency())
                .collectList()
                .block();
        // Recorded here, on the dispatcher's thread: JDBC never runs on a Netty event loop.
        if (attempts != null) {
            attempts.forEach(this::record);
        }
        return claimed.size();
    }

    private Mono<Attempt> send(ClaimedDelivery delivery) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return Mono.defer(() -> http.post()
                        .uri(URI.create(delivery.url()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(delivery.secret(), timestamp, delivery.payload()))
                        .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                        .header(WebhookSignature.DELIVERY_HEADER, delivery.deliveryId().toString())
                        .header(WebhookSignature.EVENT_HEADER, delivery.eventType())
                        .header("User-Agent", "loyalty-platform-webhooks/1")
                        // The stored bytes exactly: the signature covers them.
                        .bodyValue(delivery.payload().getBytes(StandardCharsets.UTF_8))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(Attempt.answered(delivery, response.statusCode().value()))))
                .timeout(settings.requestTimeout())
                .onErrorResume(e -> Mono.just(Attempt.failed(delivery, describe(e))));
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + settings.requestTimeout();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null ? message : message + ": " + root.getMessage();
    }

    private void record(Attempt attempt) {
        ClaimedDelivery delivery = attempt.delivery();
        Integer status = attempt.statusCode();
        try {
            if (status != null && status >= 200 && status < 300) {
                Instant at = clock.instant();
                if (deliveries.recordDelivered(delivery, status, at)) {
                    delivered.increment();
                    notifyHook(delivery, at);
                }
            } else if (status != null && status >= 400 && status < 500 && status != 408 && status != 429) {
                if (deliveries.recordFailed(delivery, status, "refused with HTTP " + status)) {
                    failed.increment();
                    log.info("Webhook {} refused with HTTP {}; not retried", delivery, status);
                }
            } else {
                String error = attempt.error() != null ? attempt.error() : "HTTP " + status;
                Optional<Duration> delay = retries.delayAfter(delivery.attempt());
                if (delay.isPresent()) {
                    if (deliveries.recordRetry(delivery, status, error, clock.instant().plus(delay.get()))) {
                        retried.increment();
                        log.debug("Webhook {} failed ({}); retrying in {}", delivery, error, delay.get());
                    }
                } else if (deliveries.recordFailed(delivery, status, error + "; gave up after " + delivery.attempt() + " attempts")) {
                    failed.increment();
                    log.warn("Webhook {} failed ({}); gave up after {} attempts", delivery, error, delivery.attempt());
                }
            }
        } catch (RuntimeException e) {
            // The lease runs out and the delivery is sent again: at least once.
            log.warn("Could not record the outcome of webhook {}; it is sent again when its lease runs out", delivery, e);
        }
    }

    private void notifyHook(ClaimedDelivery delivery, Instant at) {
        try {
            hook.delivered(new WebhookDeliveredHook.Delivered(delivery.deliveryId(), delivery.subscriptionId(), delivery.eventType(),
                    delivery.eventId(), delivery.memberId(), delivery.payload(), at));
        } catch (RuntimeException e) {
            log.warn("The delivered-webhook hook failed for {}", delivery, e);
        }
    }

    /** What one attempt came to: the subscriber's status code, or why there was none. */
    private record Attempt(ClaimedDelivery delivery, Integer statusCode, String error) {

        static Attempt answered(ClaimedDelivery delivery, int statusCode) {
            return new Attempt(delivery, statusCode, null);
        }

        static Attempt failed(ClaimedDelivery delivery, String error) {
            return new Attempt(delivery, null, error);
        }
    }

    @Override
    public void start() {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis());
        connections = ConnectionProvider.builder("webhooks")
                .maxConnections(Math.max(8, settings.concurrency() * 2))
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                        .resolver(settings.allowPrivateAddresses() ? DefaultAddressResolverGroup.INSTANCE : new PublicAddressResolverGroup())
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
                        .responseTimeout(settings.requestTimeout())
                        // A redirect is an answer like any non-2xx: the subscriber should register the final URL.
                        .followRedirect(false)))
                .build();
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "webhook-dispatcher"));
        long interval = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::dispatchSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void dispatchSafely() {
        try {
            for (int round = 0; round < MAX_ROUNDS_PER_TICK && dispatchOnce() == settings.batchSize(); round++) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch failed; retrying in {}", settings.pollInterval(), e);
        }
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(settings.requestTimeout().toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        connections.disposeLater().block(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts after Axon's components and the web server, stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
