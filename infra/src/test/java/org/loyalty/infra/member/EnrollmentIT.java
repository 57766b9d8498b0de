package org.loyalty.infra.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class EnrollmentIT {

    @LocalServerPort
    int port;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
    }

    @Test
    void aValidEnrollmentCreatesAMemberWithAZeroBalance() {
        String email = "ann." + UUID.randomUUID() + "@example.com";
        Map<?, ?> created = enroll(Map.of("name", "Ann Lee", "email", email, "phone", "+1 415 555 0100",
                        "birthday", "1988-02-29", "marketingConsent", true))
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/members/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();

        String memberId = (String) created.get("memberId");
        assertThat(memberId).isNotBlank();
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(api.balance(memberId)).isZero());
    }

    @Test
    void anInvalidEmailIsRejectedNamingTheField() {
        expectInvalid(enroll(Map.of("name", "Bob", "email", "bob-at-example.com")), "email");
    }

    @Test
    void aMissingNameIsRejectedNamingTheField() {
        expectInvalid(enroll(Map.of("email", "nameless." + UUID.randomUUID() + "@example.com")), "name");
    }

    @Test
    void aBirthdayInTheFutureIsRejectedNamingTheField() {
        expectInvalid(enroll(Map.of("name", "Cy", "email", "cy." + UUID.randomUUID() + "@example.com",
                "birthday", LocalDate.now().plusDays(2).toString())), "birthday");
    }

    @Test
    void aMalformedBirthdayIsRejectedNamingTheField() {
        expectInvalid(enroll(Map.of("name", "Di", "email", "di." + UUID.randomUUID() + "@example.com",
                "birthday", "31/12/1990")), "birthday");
    }

    @Test
    void malformedJsonIsRejected() {
        expectInvalid(api.http().post().uri("/api/v1/members").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Ed\", ").exchange(), "body");
    }

    @Test
    void theSameEmailCannotEnrollTwiceWhateverItsCase() {
        String email = "fay." + UUID.randomUUID() + "@example.com";
        enroll(Map.of("name", "Fay", "email", email)).expectStatus().isCreated();

        enroll(Map.of("name", "Fay again", "email", email.toUpperCase()))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
    }

    private WebTestClient.ResponseSpec enroll(Map<String, Object> body) {
        return api.http().post().uri("/api/v1/members").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static void expectInvalid(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field));
    }
}
