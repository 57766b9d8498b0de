package org.loyalty.infra.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.account.WatchMember;
import org.loyalty.api.offer.OfferExpired;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/** GET /api/v1/members/{id}/stream over real HTTP, with the POS posting purchases alongside. */
@IntegrationTest
class MemberStreamIT {

    private static final Logger log = LoggerFactory.getLogger(MemberStreamIT.class);
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    int port;
    @Autowired
    QueryUpdateEmitter queryUpdateEmitter;
    @Autowired
    EventGateway eventGateway;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
    }

    /** An event as the client received it, with the client's clock. */
    record Received(ServerSentEvent<Map<String, Object>> event, long nanos) {

        Map<String, Object> data() {
            return event.data();
        }
    }

    /** One client's open stream: every event it received, and the response's headers. */
    static final class OpenStream implements AutoCloseable {

        final String memberId;
        final List<Received> received = new CopyOnWriteArrayList<>();
        final AtomicReference<HttpHeaders> headers = new AtomicReference<>();
        final Disposable connection;
        final QueryUpdateEmitter emitter;

        OpenStream(WebClient client, String memberId, QueryUpdateEmitter emitter) {
            this.memberId = memberId;
            this.emitter = emitter;
            this.connection = client.get().uri("/api/v1/members/{id}/stream", memberId).accept(MediaType.TEXT_EVENT_STREAM)
                    .exchangeToFlux(response -> {
                        headers.set(response.headers().asHttpHeaders());
                        return response.bodyToFlux(SSE);
                    })
                    .subscribe(event -> received.add(new Received(event, System.nanoTime())));
        }

        Optional<Received> first(String event, Predicate<Map<String, Object>> data) {
            return received.stream().filter(r -> event.equals(r.event().event()) && data.test(r.data())).findFirst();
        }

        Received awaitFirst(String event, Predicate<Map<String, Object>> data, Duration atMost) {
            return await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(() -> first(event, data), Optional::isPresent).get();
        }

        /** The client goes away; the server must let the subscription go. */
        @Override
        public void close() {
            long open = subscriptionsOf(emitter, memberId);
            connection.dispose();
            await().untilAsserted(() -> assertThat(subscriptionsOf(emitter, memberId)).isEqualTo(open - 1));
        }
    }

    static long subscriptionsOf(QueryUpdateEmitter emitter, String memberId) {
        return emitter.activeSubscriptions().stream()
                .filter(query -> query.getPayload() instanceof WatchMember watch && watch.memberId().equals(memberId))
                .count();
    }

    /** Enrolled, and in the read model (the stream answers 404 until then). */
    String member(String name) {
        String memberId = api.enroll(name);
        await().until(() -> api.balance(memberId) != null);
        return memberId;
    }

    OpenStream open(String memberId) {
        OpenStream stream = new OpenStream(TestTokens.adminClient(port), memberId, queryUpdateEmitter);
        stream.awaitFirst("balance", data -> "CURRENT".equals(data.get("reason")), Duration.ofSeconds(10));
        return stream;
    }

    static long number(Map<String, Object> data, String field) {
        return ((Number) data.get(field)).longValue();
    }

    @Test
    void theStreamStartsWithTheCurrentBalanceAndTier() {
        String memberId = member("Ava Stream");
        api.postPurchase(purchase(newTransactionId(), memberId, "30.00")).expectStatus().isCreated();
        await().until(() -> Long.valueOf(30).equals(api.balance(memberId)));

        try (OpenStream stream = open(memberId)) {
            Received current = stream.received.get(0);
            assertThat(current.event().event()).isEqualTo("balance");
            assertThat(current.data()).containsEntry("memberId", memberId).containsEntry("kind", "BALANCE")
                    .containsEntry("balance", 30).containsEntry("tier", "GREEN");
            assertThat(current.event().id()).isEqualTo(String.valueOf(number(current.data(), "sequence")));
            assertThat(stream.headers.get().getContentType()).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue());
            assertThat(stream.headers.get().getCacheControl()).isEqualTo("no-store");
        }
    }

    @Test
    void aPurchaseReachesAnOpenStreamWithinOneSecondOfItsAnswer() {
        String memberId = member("Bo Live");
        try (OpenStream stream = open(memberId)) {
            String transactionId = newTransactionId();
            long sent = System.nanoTime();
            api.postPurchase(purchase(transactionId, memberId, "12.00")).expectStatus().isCreated()
                    .expectBody().jsonPath("$.balance").isEqualTo(12);
            long answered = System.nanoTime();

            Received balance = stream.awaitFirst("balance", data -> transactionId.equals(data.get("transactionId")), Duration.ofSeconds(1));

            log.info("Live update latency: balance event {} ms after the purchase's answer ({} ms after it was sent)",
                    (balance.nanos() - answered) / 1_000_000.0, (balance.nanos() - sent) / 1_000_000.0);
            assertThat(balance.data()).containsEntry("kind", "BALANCE").containsEntry("balance", 12).containsEntry("points", 12)
                    .containsEntry("reason", "EARNED");
            assertThat(balance.event().id()).isEqualTo(String.valueOf(number(balance.data(), "sequence")));
            assertThat(number(balance.data(), "sequence")).isGreaterThan(number(stream.received.get(0).data(), "sequence"));
            assertThat(Instant.parse((String) balance.data().get("at"))).isNotNull();
        }
    }

    @Test
    void aPurchaseThatCrossesFiveHundredPointsYieldsATierEventGold() {
        String memberId = member("Cy Gold");
        try (OpenStream stream = open(memberId)) {
            api.postPurchase(purchase(newTransactionId(), memberId, "520.00")).expectStatus().isCreated();
            long answered = System.nanoTime();

            Received tier = stream.awaitFirst("tier", data -> "GOLD".equals(data.get("tier")), Duration.ofSeconds(1));

            log.info("Live update latency: tier event {} ms after the purchase's answer", (tier.nanos() - answered) / 1_000_000.0);
            assertThat(tier.data()).containsEntry("kind", "TIER").containsEntry("previousTier", "GREEN").containsEntry("reason", "QUALIFIED")
                    .containsKey("tierValidUntil");
            Received balance = stream.awaitFirst("balance", data -> Integer.valueOf(520).equals(data.get("balance")), Duration.ofSeconds(1));
            assertThat(stream.received.indexOf(balance)).as("the points come before the tier they earned").isLessThan(stream.received.indexOf(tier));
        }
    }

    @Test
    void offerEventsReachTheStream() {
        String memberId = member("Dee Offer");
        try (OpenStream stream = open(memberId)) {
            // Nothing issues offers yet (campaigns will): published straight to the event bus, as a campaign would store them.
            Instant now = Instant.now();
            eventGateway.publish(new OfferIssued(memberId, "OFFER-" + memberId, "CAMP-SPRING", "Spring double points",
                    OfferTerms.multiplier(new java.math.BigDecimal("2"), 7), now, now.plus(Duration.ofDays(14)), null));
            eventGateway.publish(new OfferExpired(memberId, "OFFER-" + memberId, now));

            Received issued = stream.awaitFirst("offer", data -> "ISSUED".equals(offer(data).get("status")), Duration.ofSeconds(1));
            assertThat(offer(issued.data())).containsEntry("offerId", "OFFER-" + memberId).containsEntry("campaignName", "Spring double points");
            assertThat(issued.event().id()).as("not on the account stream: the event's id").isEqualTo(issued.data().get("eventId"));
            stream.awaitFirst("offer", data -> "EXPIRED".equals(offer(data).get("status")), Duration.ofSeconds(1));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> offer(Map<String, Object> data) {
        return data.get("offer") == null ? Map.of() : (Map<String, Object>) data.get("offer");
    }

    @Test
    void anUnknownMemberIsA404ProblemAndNoStream() {
        int before = queryUpdateEmitter.activeSubscriptions().size();

        api.http().get().uri("/api/v1/members/{id}/stream", "no-such-member").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.errors[0].field").isEqualTo("memberId");

        assertThat(queryUpdateEmitter.activeSubscriptions()).hasSize(before);
    }

    @Test
    void theSubscriptionEndsWhenTheClientGoesAway() {
        String memberId = member("Eli Leaves");
        int before = queryUpdateEmitter.activeSubscriptions().size();

        OpenStream stream = open(memberId);
        assertThat(subscriptionsOf(queryUpdateEmitter, memberId)).isOne();
        assertThat(queryUpdateEmitter.activeSubscriptions()).hasSize(before + 1);
        stream.close();

        await().untilAsserted(() -> assertThat(queryUpdateEmitter.activeSubscriptions()).hasSize(before));
        // An update after the client left goes nowhere and breaks nothing.
        api.postPurchase(purchase(newTransactionId(), memberId, "5.00")).expectStatus().isCreated();
        assertThat(subscriptionsOf(queryUpdateEmitter, memberId)).isZero();
    }

    @Test
    void twoClientsOfOneMemberEachGetEveryUpdate() {
        String memberId = member("Fay Twice");
        try (OpenStream phone = open(memberId); OpenStream tablet = open(memberId)) {
            String transactionId = newTransactionId();
            api.postPurchase(purchase(transactionId, memberId, "8.00")).expectStatus().isCreated();

            phone.awaitFirst("balance", data -> transactionId.equals(data.get("transactionId")), Duration.ofSeconds(1));
            tablet.awaitFirst("balance", data -> transactionId.equals(data.get("transactionId")), Duration.ofSeconds(1));
            assertThat(subscriptionsOf(queryUpdateEmitter, memberId)).isEqualTo(2);
        }
    }
}
