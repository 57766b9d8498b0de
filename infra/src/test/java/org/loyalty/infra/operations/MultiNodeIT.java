package org.loyalty.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.newTransactionId;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.persistence.DatabaseCoordinates;
import org.loyalty.infra.persistence.DatabaseProperties;
import org.loyalty.infra.support.AnotherNode;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.TestTokens;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Two instances of the platform on one PostgreSQL, as a scaled-out deployment runs them: either may
 * take any command, and concurrent appends to one account on both are serialized by the event store.
 */
@IntegrationTest
class MultiNodeIT {

    static ConfigurableApplicationContext secondNode;

    @LocalServerPort
    int port;
    @Autowired
    DatabaseCoordinates database;
    @Autowired
    DatabaseProperties databaseProperties;
    LoyaltyApi api;
    WebClient[] nodes;

    @BeforeEach
    void startASecondNodeOnTheSameDatabase() {
        api = new LoyaltyApi(port);
        if (secondNode == null) {
            secondNode = AnotherNode.start(database, databaseProperties,
                    "--loyalty.security.rate-limit.requests-per-second=100000",
                    "--loyalty.security.rate-limit.burst=100000");
        }
        int secondPort = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
        nodes = new WebClient[] {
                TestTokens.adminClient(port), TestTokens.adminClient(secondPort)};
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void concurrentPurchasesForOneMemberOnTwoNodesAllCountOnce() {
        String memberId = api.enroll("Nia Two Nodes");
        List<Map<String, Object>> baskets = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> purchase(newTransactionId(), memberId, (i % 10 + 1) + ".00")).toList();

        List<ResponseEntity<String>> answers = Flux.range(0, baskets.size())
                .flatMap(i -> nodes[i % 2].post().uri("/api/v1/pos/purchases").bodyValue(baskets.get(i))
                        .exchangeToMono(r -> r.toEntity(String.class)), baskets.size())
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).as(a.getBody()).isEqualTo(201));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(220L));
    }

    @Test
    void theSameTransactionPostedToBothNodesAtOnceEarnsOnce() {
        String memberId = api.enroll("Ola Retry");
        Map<String, Object> basket = purchase(newTransactionId(), memberId, "25.00");

        List<ResponseEntity<String>> answers = Flux.range(0, 20)
                .flatMap(i -> nodes[i % 2].post().uri("/api/v1/pos/purchases").bodyValue(basket)
                        .exchangeToMono(r -> r.toEntity(String.class)), 20)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).as(a.getBody()).isEqualTo(201));
        assertThat(answers.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(25L));
    }

    /**
     * Subscription queries live in one JVM and the read-model segments are shared out between the nodes,
     * so each node runs a live-updates processor of its own over every event: a client of one node sees
     * a purchase that the other node took (through the event store, at the other node's next poll).
     */
    @Test
    void aStreamOnOneNodeShowsAPurchaseTakenByTheOtherWithinASecond() {
        String memberId = api.enroll("Pia Elsewhere");
        await().until(() -> api.balance(memberId) != null);
        List<ServerSentEvent<Map<String, Object>>> received = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        Disposable stream = nodes[1].get().uri("/api/v1/members/{id}/stream", memberId).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
                })
                .subscribe(event -> {
                    arrivals.add(System.nanoTime());
                    received.add(event);
                });
        try {
            await().until(() -> !received.isEmpty());
            String transactionId = newTransactionId();

            nodes[0].post().uri("/api/v1/pos/purchases").bodyValue(purchase(transactionId, memberId, "14.00"))
                    .retrieve().toBodilessEntity().block(Duration.ofSeconds(30));
            long answered = System.nanoTime();

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                    .until(() -> received.stream().anyMatch(e -> transactionId.equals(e.data().get("transactionId"))));
            int index = IntStream.range(0, received.size())
                    .filter(i -> transactionId.equals(received.get(i).data().get("transactionId"))).findFirst().orElseThrow();
            LoggerFactory.getLogger(MultiNodeIT.class).info("Live update latency across nodes: {} ms after the purchase's answer",
                    (arrivals.get(index) - answered) / 1_000_000.0);
            assertThat(received.get(index).data()).containsEntry("balance", 14).containsEntry("reason", "EARNED");
        } finally {
            stream.dispose();
        }
    }
}
