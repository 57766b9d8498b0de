package org.loyalty.infra.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Many POS posts at the same instant, as a flaky network and a busy store produce them. */
@IntegrationTest
class ConcurrentPurchaseIT {

    static final int POSTS = 50;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    LoyaltyApi api;
    WebClient client;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
        client = TestTokens.adminClient(port);
    }

    @Test
    void fiftyConcurrentPostsOfOneTransactionEarnOnceAndAllGetTheSameAnswer() {
        String memberId = api.enroll("Ivy Concurrent");
        Map<String, Object> basket = purchase(newTransactionId(), memberId, "10.00", "2.50");

        List<ResponseEntity<String>> answers = postAllAtOnce(List.of(basket).stream()
                .flatMap(b -> java.util.stream.Stream.generate(() -> b).limit(POSTS)).toList());

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
        assertThat(answers.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> "false".equals(a.getHeaders().getFirst("Idempotent-Replayed")))).hasSize(1);
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(12L));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM points_ledger WHERE member_id = ?", Long.class, memberId)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype LIKE '%.purchase.%' ORDER BY sequencenumber", String.class, memberId))
                .as("one PurchaseRecorded and one PointsEarned")
                .containsExactly("org.loyalty.api.purchase.PurchaseRecorded", "org.loyalty.api.purchase.PointsEarned");
    }

    @Test
    void fiftyConcurrentDifferentPurchasesForOneMemberAllCount() {
        String memberId = api.enroll("Jon Busy");
        // 1 to 10 units each, 275 in all: below the Gold threshold, so every purchase earns at the Green rate.
        List<Map<String, Object>> baskets = java.util.stream.IntStream.rangeClosed(1, POSTS)
                .mapToObj(i -> purchase(newTransactionId(), memberId, (i % 10 + 1) + ".00"))
                .toList();
        long expected = 275;

        List<ResponseEntity<String>> answers = postAllAtOnce(baskets);

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
        assertThat(answers.stream().filter(a -> a.getBody().contains("\"balance\":" + expected + "}"))).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(expected));
        assertThat(jdbc.queryForObject("SELECT sum(points) FROM points_ledger WHERE member_id = ?", Long.class, memberId))
                .isEqualTo(expected);
    }

    @Test
    void postsForUnknownMembersAmongOthersAreRefusedAndLeaveNothingWhileTheOthersCount() {
        List<String> members = java.util.stream.IntStream.range(0, 5).mapToObj(i -> api.enroll("Kit Crowd " + i)).toList();
        List<Map<String, Object>> baskets = new java.util.ArrayList<>();
        List<String> refusedIds = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i % 4 == 3) {
                String transactionId = newTransactionId();
                refusedIds.add(transactionId);
                baskets.add(purchase(transactionId, "nobody-" + java.util.UUID.randomUUID(), "3.00"));
            } else {
                baskets.add(purchase(newTransactionId(), members.get(i % 5), "2.00"));
            }
        }

        List<ResponseEntity<String>> answers = postAllAtOnce(baskets);

        assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 201)).hasSize(30);
        assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 404))
                .hasSize(10)
                .allSatisfy(a -> assertThat(a.getHeaders().getContentType()).hasToString("application/problem+json"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pos_transaction_claim WHERE transaction_id = ANY(?)", Long.class,
                (Object) refusedIds.toArray(String[]::new))).as("no claim kept for a refused purchase").isZero();
        for (String member : members) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.balance(member)).isEqualTo(12L));
        }
    }

    /** Subscribes every post before any is sent, then releases them together. */
    private List<ResponseEntity<String>> postAllAtOnce(List<Map<String, Object>> bodies) {
        CountDownLatch start = new CountDownLatch(1);
        Flux<ResponseEntity<String>> all = Flux.fromIterable(bodies)
                .flatMap(body -> Mono.fromRunnable(() -> awaitQuietly(start)).subscribeOn(Schedulers.boundedElastic())
                        .then(client.post().uri("/api/v1/pos/purchases").bodyValue(body)
                                .exchangeToMono(response -> response.toEntity(String.class))), bodies.size());
        Mono<List<ResponseEntity<String>>> collected = all.collectList().cache();
        collected.subscribe();
        start.countDown();
        return collected.block(Duration.ofSeconds(60));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
