package org.loyalty.infra.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.webhook.WebhookEventType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Webhook subscribers: {@code POST /api/v1/webhooks} registers one and answers its secret, once;
 * {@code GET} lists them (never the secrets); {@code DELETE /{id}} stops its deliveries;
 * {@code POST /{id}/rotate-secret} replaces the secret; {@code GET /{id}/deliveries} shows what was
 * sent and how it went.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    static final int MAX_URL = 2000;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_PAGE = 100;
    private static final String KNOWN_EVENTS = Arrays.toString(WebhookEventType.values());

    private final WebhookSubscriptions subscriptions;
    private final Clock clock;

    private final boolean allowPrivateAddresses;

    WebhookController(WebhookSubscriptions subscriptions, Clock clock, WebhookProperties properties) {
        this.allowPrivateAddresses = properties.allowPrivateAddresses();
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Operation(summary = "Register a webhook subscriber (answers its secret, once)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Secret>> subscribe(@RequestBody SubscriptionRequest request) {
        List<String> events = request.validEvents(allowPrivateAddresses);
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        return subscriptions.create(id, request.url().strip(), events, request.description(), secret, clock.instant())
                .thenReturn(ResponseEntity.created(URI.create("/api/v1/webhooks/" + id)).body(new Secret(id, secret)));
    }

    @Operation(summary = "The live subscribers (no secrets)")
    @GetMapping
    Mono<List<WebhookSubscriptions.Subscription>> list() {
        return subscriptions.live().collectList();
    }

    @Operation(summary = "Unsubscribe")
    @DeleteMapping("/{subscriptionId}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String subscriptionId) {
        UUID id = idOf(subscriptionId);
        return subscriptions.delete(id, clock.instant())
                .flatMap(deleted -> deleted ? Mono.just(ResponseEntity.noContent().<Void>build()) : Mono.error(unknown(subscriptionId)));
    }

    @Operation(summary = "Rotate a subscriber's secret")
    @PostMapping("/{subscriptionId}/rotate-secret")
    Mono<Secret> rotateSecret(@PathVariable String subscriptionId) {
        UUID id = idOf(subscriptionId);
        String secret = WebhookSignature.newSecret();
        return subscriptions.rotateSecret(id, secret, clock.instant())
                .flatMap(rotated -> rotated ? Mono.just(new Secret(id, secret)) : Mono.error(unknown(subscriptionId)));
    }

    /** Newest first, deleted subscriptions' history included. */
    @Operation(summary = "Deliveries to a subscriber, newest first")
    @GetMapping("/{subscriptionId}/deliveries")
    Mono<List<WebhookSubscriptions.Delivery>> deliveries(@PathVariable String subscriptionId, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new InvalidRequestException(List.of(new Violation("limit", "must be between 1 and " + MAX_PAGE))));
        }
        UUID id = idOf(subscriptionId);
        return subscriptions.known(id)
                .flatMap(known -> known ? subscriptions.deliveries(id, limit).collectList() : Mono.error(unknown(subscriptionId)));
    }

    /** Not a UUID: no such subscription either. */
    private static UUID idOf(String subscriptionId) {
        try {
            return UUID.fromString(subscriptionId);
        } catch (IllegalArgumentException e) {
            throw unknown(subscriptionId);
        }
    }

    private static NotFoundException unknown(String subscriptionId) {
        return new NotFoundException("subscriptionId", "No webhook subscription with id " + subscriptionId);
    }

    /** The answer to a subscription or a rotation: the only time the secret is shown. */
    record Secret(UUID subscriptionId, String secret) {
    }

    /** A subscription as sent. {@code events} are read as text so that an unknown one is reported naming its position. */
    record SubscriptionRequest(String url, List<String> events, String description) {

        /** The events, each once, in the order given; throws naming every field at fault. */
        List<String> validEvents(boolean allowPrivateAddresses) {
            List<Violation> violations = new ArrayList<>();
            checkUrl(violations, allowPrivateAddresses);
            Set<String> valid = new LinkedHashSet<>();
            if (events == null || events.isEmpty()) {
                violations.add(new Violation("events", "must name at least one of " + KNOWN_EVENTS));
            } else {
                for (int i = 0; i < events.size(); i++) {
                    String event = events.get(i);
                    if (event == null || Arrays.stream(WebhookEventType.values()).noneMatch(t -> t.name().equals(event))) {
                        violations.add(new Violation("events[" + i + "]", "must be one of " + KNOWN_EVENTS));
                    } else {
                        valid.add(event);
                    }
                }
            }
            if (description != null && description.length() > MAX_DESCRIPTION) {
                violations.add(new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
            }
            InvalidRequestException.throwIfAny(violations);
            return List.copyOf(valid);
        }

        private void checkUrl(List<Violation> violations, boolean allowPrivateAddresses) {
            if (url == null || url.isBlank()) {
                violations.add(new Violation("url", "is required"));
                return;
            }
            if (url.strip().length() > MAX_URL) {
                violations.add(new Violation("url", "must be at most " + MAX_URL + " characters"));
                return;
            }
            try {
                URI uri = new URI(url.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                        || uri.getFragment() != null) {
                    violations.add(new Violation("url", "must be an absolute http or https URL with a host and no fragment"));
                } else if (!allowPrivateAddresses && !PublicAddressResolverGroup.mayBePublic(uri.getHost())) {
                    violations.add(new Violation("url", "must be at a public address, not loopback, private or link-local"));
                }
            } catch (URISyntaxException e) {
                violations.add(new Violation("url", "must be an absolute http or https URL with a host and no fragment"));
            }
        }
    }
}
