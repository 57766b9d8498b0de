package org.loyalty.infra.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.fuzz.ApiEndpoints.Endpoint;
import org.loyalty.infra.fuzz.HostileRequests.FuzzCase;
import org.loyalty.infra.support.IntegrationTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fuzzes every endpoint of the running application's OpenAPI document with malformed and hostile
 * input (see {@link HostileRequests}). Requests that must be refused get a 4xx, as problem+json
 * naming the field where one is at fault, and leave every table as it was; requests that may be
 * valid (Unicode text, nulls of optional fields, ...) may succeed but never answer 5xx. Afterwards
 * no event processor is in error, so nothing accepted poisoned a projection.
 *
 * <p>Seeded ({@code -Dfuzz.seed=...}); each field gets a sample of the hostile values of its type
 * ({@code -Dfuzz.values-per-field=...}), so that the run stays well under a minute.
 */
@IntegrationTest
class JsonEndpointFuzzIT {

    private static final Logger log = LoggerFactory.getLogger(JsonEndpointFuzzIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bookkeeping that moves on its own: processor positions and the migration history. */
    private static final List<String> NOT_STATE = List.of("tokenentry", "flyway_schema_history");

    /** Statuses Netty answers by itself, without a body, before a request reaches the application. */
    private static final List<Integer> SERVER_LEVEL = List.of(414, 431);
    /** Refusing a request is cheap; one that takes longer than this is doing work it should not. */
    private static final long SLOW_MILLIS = 5_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    EventProcessingConfiguration processing;

    RawHttp http;
    final AtomicInteger sequence = new AtomicInteger();
    final Map<String, String> pathValues = new LinkedHashMap<>();
    String memberId;
    String transactionId;

    @Test
    void hostileInputIsRefusedWithA4xxAndChangesNothing() {
        long seed = Long.getLong("fuzz.seed", 20261124L);
        int valuesPerField = Integer.getInteger("fuzz.values-per-field", 6);
        http = new RawHttp(port);
        long started = System.nanoTime();

        ApiEndpoints api = new ApiEndpoints(http.get("/v3/api-docs").body());
        List<Endpoint> endpoints = api.all();
        assertThat(endpoints).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
        setUpValidIds(api);

        HostileRequests hostile = new HostileRequests(seed, valuesPerField);
        List<FuzzCase> cases = new ArrayList<>();
        Map<String, String> controls = new TreeMap<>();
        for (Endpoint endpoint : endpoints) {
            String uri = HostileRequests.expand(endpoint.path(), pathValues, null, null);
            byte[] validBody = null;
            if (endpoint.acceptsJson()) {
                Supplier<ObjectNode> body = () -> fresh(api.baseBody(endpoint));
                // The valid body itself, once, so that we know the fuzz starts from a request that gets through.
                RawHttp.Answer control = http.send(endpoint.method(), controlUri(endpoint), HostileRequests.JSON_TYPE,
                        HostileRequests.text(body.get()).getBytes(StandardCharsets.UTF_8), false);
                controls.put(endpoint.toString(), control.status() + (control.status() >= 300 ? " " + control.body() : ""));
                cases.addAll(hostile.bodyCases(endpoint, uri, body));
                validBody = HostileRequests.text(body.get()).getBytes(StandardCharsets.UTF_8);
            }
            cases.addAll(hostile.pathCases(endpoint, pathValues, "", validBody));
            cases.addAll(hostile.queryCases(endpoint, pathValues, validBody));
        }
        controls.forEach((endpoint, answer) -> log.info("control {} -> {}", endpoint, answer));
        // Each hostile body differs from an accepted one in one place only, so a refusal is about that place.
        assertThat(controls).as("the valid body of each endpoint (add a request example in OpenApiConfiguration when "
                + "the one built from the schema is refused)").allSatisfy((endpoint, answer) -> assertThat(answer).startsWith("2"));

        List<String> failures = new ArrayList<>();
        Map<String, Integer> acceptedWhy = new TreeMap<>();
        // First what may be valid (it may change state), then, from a settled state, what must change nothing.
        for (FuzzCase c : cases) {
            if (!c.mustBeRefused()) {
                check(c, failures, acceptedWhy);
            }
        }
        Map<String, Long> before = settledRowCounts();
        int refused = 0;
        for (FuzzCase c : cases) {
            if (c.mustBeRefused()) {
                check(c, failures, acceptedWhy);
                refused++;
            }
        }
        Map<String, Long> after = settledRowCounts();
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("fuzz: {} requests ({} that must be refused) over {} endpoints in {} ms, seed {}, {} sent again after a stale connection; "
                + "accepted as valid: {}", cases.size(), refused, endpoints.size(), elapsed, seed, http.retried, acceptedWhy);

        assertThat(failures).as("%d of %d hostile requests answered wrongly (seed %d)", failures.size(), cases.size(), seed)
                .isEmpty();
        assertThat(after).as("row counts before and after the requests that must be refused").isEqualTo(before);
        assertThat(processorsInError()).as("event processor segments in error after the fuzz").isEmpty();
    }

    private void check(FuzzCase c, List<String> failures, Map<String, Integer> acceptedWhy) {
        RawHttp.Answer answer;
        long started = System.nanoTime();
        int retried = http.retried;
        try {
            answer = http.send(c.method(), c.uri(), c.contentType(), c.body(), c.chunked());
        } catch (RuntimeException e) {
            failures.add(c + ": no answer: " + e.getMessage());
            return;
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (http.retried > retried) {
            millis -= RawHttp.FIRST_TRY.toMillis();
        }
        if (millis > SLOW_MILLIS) {
            failures.add(c + ": took " + millis + " ms");
        }
        int status = answer.status();
        if (SERVER_LEVEL.contains(status) && answer.body().isEmpty()) {
            // Netty refuses an overlong request line (414) or header block (431) before any handler runs.
            acceptedWhy.merge("refused by the HTTP server itself: " + status, 1, Integer::sum);
        } else if (status >= 500) {
            failures.add(c + ": " + status + " " + RawHttp.abbreviate(answer.body()));
        } else if (status < 400) {
            if (c.mustBeRefused()) {
                failures.add(c + ": accepted with " + status + " " + RawHttp.abbreviate(answer.body()));
            } else {
                acceptedWhy.merge(c.validBecause(), 1, Integer::sum);
            }
        } else if (!answer.contentType().startsWith("application/problem+json")) {
            failures.add(c + ": " + status + " as '" + answer.contentType() + "', not problem+json: " + RawHttp.abbreviate(answer.body()));
        } else if (c.field() != null && !namesField(answer.body(), c.field())) {
            failures.add(c + ": " + status + " without naming " + c.field() + ": " + RawHttp.abbreviate(answer.body()));
        }
    }

    /** The problem's errors name the field (or, for a whole list or object, something inside it). */
    private static boolean namesField(String problem, String field) {
        try {
            for (JsonNode error : JSON.readTree(problem).path("errors")) {
                String named = error.path("field").asText();
                if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Members, a purchase, rules, campaigns, ... for the fuzz to aim at, so that it gets past "not found". */
    private void setUpValidIds(ApiEndpoints api) {
        memberId = created("/api/v1/members", fresh(bodyOf(api, "POST", "/api/v1/members")), "memberId");
        transactionId = "FUZZ-TX-" + sequence.incrementAndGet();
        ObjectNode purchase = fresh(bodyOf(api, "POST", "/api/v1/pos/purchases"));
        purchase.put("transactionId", transactionId);
        // Enough of every item that returns by the fuzz never run out of units to take back.
        purchase.withArray("items").forEach(item -> ((ObjectNode) item).put("quantity", 200));
        created("/api/v1/pos/purchases", purchase, "transactionId");
        pathValues.put("memberId", memberId);
        pathValues.put("redemptionId", created("/api/v1/members/" + memberId + "/redemptions",
                fresh(bodyOf(api, "POST", "/api/v1/members/{memberId}/redemptions")), "redemptionId"));
        pathValues.put("ruleId", created("/api/v1/rules", fresh(bodyOf(api, "POST", "/api/v1/rules")), "ruleId"));
        pathValues.put("campaignId", created("/api/v1/campaigns", fresh(bodyOf(api, "POST", "/api/v1/campaigns")), "campaignId"));
        pathValues.put("subscriptionId", created("/api/v1/webhooks", fresh(bodyOf(api, "POST", "/api/v1/webhooks")), "subscriptionId"));
        pathValues.put("name", "WIN_BACK");
        pathValues.put("offerId", "no-such-offer");
    }

    /** The control request of a redemption's cancellation cancels another redemption than the one the fuzz aims at. */
    private String controlUri(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>(pathValues);
        if (endpoint.path().contains("{redemptionId}")) {
            values.put("redemptionId", created("/api/v1/members/" + memberId + "/redemptions",
                    fresh(JSON.createObjectNode().put("rewardId", "R25").put("idempotencyKey", "x")), "redemptionId"));
        }
        return HostileRequests.expand(endpoint.path(), values, null, null);
    }

    private static ObjectNode bodyOf(ApiEndpoints api, String method, String path) {
        return api.all().stream().filter(e -> e.method().equals(method) && e.path().equals(path)).findFirst()
                .map(api::baseBody).orElseThrow(() -> new AssertionError(method + " " + path + " is not in /v3/api-docs"));
    }

    private String created(String uri, ObjectNode body, String idField) {
        RawHttp.Answer answer = http.send("POST", uri, HostileRequests.JSON_TYPE,
                HostileRequests.text(body).getBytes(StandardCharsets.UTF_8), false);
        assertThat(answer.status()).as("set-up POST %s: %s", uri, answer.body()).isBetween(200, 299);
        try {
            return JSON.readTree(answer.body()).path(idField).asText();
        } catch (Exception e) {
            throw new AssertionError(answer.body(), e);
        }
    }

    /** The body with this test's valid ids in it and new ids where a repeated one would be a replay or a conflict. */
    private ObjectNode fresh(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        replaceIds(copy);
        return copy;
    }

    private void replaceIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                switch (name) {
                    case "memberId" -> object.set(name, TextNode.valueOf(memberId == null ? "unknown" : memberId));
                    case "originalTransactionId" -> object.set(name, TextNode.valueOf(transactionId));
                    case "transactionId", "returnId", "adjustmentId", "interactionId", "idempotencyKey" ->
                            object.set(name, TextNode.valueOf("FUZZ-" + name + "-" + sequence.incrementAndGet()));
                    case "email" -> object.set(name, TextNode.valueOf("fuzz-" + sequence.incrementAndGet() + "@example.com"));
                    case "occurredAt" -> object.set(name, TextNode.valueOf(clock.instant().minusSeconds(60).toString()));
                    default -> replaceIds(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::replaceIds);
        }
    }

    /** Row counts of every table, once the event processors have caught up (two equal readings in a row). */
    private Map<String, Long> settledRowCounts() {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, Long> now = rowCounts();
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""", String.class)) {
            if (!NOT_STATE.contains(table)) {
                counts.put(table, jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\"", Long.class));
            }
        }
        return counts;
    }

    private List<String> processorsInError() {
        List<String> inError = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                streaming.processingStatus().forEach((segment, status) -> {
                    if (status.isErrorState()) {
                        inError.add(name + "/" + segment + ": " + describe(status));
                    }
                });
            }
        });
        return inError;
    }

    private static String describe(EventTrackerStatus status) {
        return status.getError() == null ? "error" : status.getError().toString();
    }
}
