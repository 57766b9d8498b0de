package org.loyalty.command.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.command.account.AccountTestHarness;
import org.loyalty.command.account.AccountTestHarness.Outcome;
import org.loyalty.rules.member.EnrollmentValidator;

class EnrollmentCommandHandlerTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryEmailClaims emailClaims = new InMemoryEmailClaims();
    private AccountTestHarness fixture;

    @BeforeEach
    void setUp() {
        fixture = new AccountTestHarness();
        fixture.registerAnnotatedCommandHandler(
                new EnrollmentCommandHandler(fixture.getRepository(), emailClaims, new EnrollmentValidator(clock), clock));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static EnrollMember enrollment(String memberId, String name, String email) {
        return new EnrollMember(memberId, name, email, "+1 (555) 123-4567", LocalDate.of(1990, 4, 12), true);
    }

    @Test
    void anEnrollmentOpensTheAccountAtTheClocksInstantAndAnswersWithTheMemberId() {
        Outcome outcome = fixture.when(enrollment("m-1", "Ann Lee", "ann.lee@example.com"));

        assertThat(outcome.resultAs(String.class)).isEqualTo("m-1");
        assertThat(outcome.events()).containsExactly(new MemberEnrolled(
                "m-1", "Ann Lee", "ann.lee@example.com", "+1 (555) 123-4567", LocalDate.of(1990, 4, 12), true, NOW));
        assertThat(fixture.storedEvents("m-1")).singleElement().satisfies(event -> {
            assertThat(event.getAggregateIdentifier()).isEqualTo("m-1");
            assertThat(event.getSequenceNumber()).isZero();
        });
        assertThat(fixture.balanceOf("m-1")).isZero();
        assertThat(emailClaims.ownerOf("ann.lee@example.com")).contains("m-1");
    }

    @Test
    void phoneAndBirthdayMayBeLeftOutAndMarketingConsentIsKeptAsGiven() {
        Outcome outcome = fixture.when(new EnrollMember("m-1", "Ann Lee", "ann@example.com", null, null, false));

        assertThat(outcome.resultAs(String.class)).isEqualTo("m-1");
        assertThat(outcome.events()).containsExactly(
                new MemberEnrolled("m-1", "Ann Lee", "ann@example.com", null, null, false, NOW));
    }

    @Test
    void theNameIsStoredWithoutSurroundingSpaces() {
        Outcome outcome = fixture.when(enrollment("m-1", "  Ann Lee \t", "ann@example.com"));

        assertThat(outcome.events()).singleElement()
                .isInstanceOfSatisfying(MemberEnrolled.class, e -> assertThat(e.name()).isEqualTo("Ann Lee"));
    }

    @Test
    void theEmailIsClaimedInLowerCaseButStoredAsTyped() {
        Outcome outcome = fixture.when(enrollment("m-1", "Ann Lee", "Ann.Lee@Example.COM"));

        assertThat(outcome.events()).singleElement()
                .isInstanceOfSatisfying(MemberEnrolled.class, e -> assertThat(e.email()).isEqualTo("Ann.Lee@Example.COM"));
        assertThat(emailClaims.claims()).containsExactly(java.util.Map.entry("ann.lee@example.com", "m-1"));
    }

    @Test
    void anInvalidEnrollmentIsRefusedNamingEveryBadFieldAndOpensNoAccount() {
        Outcome outcome = fixture.when(
                new EnrollMember("m-1", "   ", "ann-at-example.com", null, TODAY.plusDays(1), true));

        InvalidRequestException refused = outcome.exceptionAs(InvalidRequestException.class);
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("name", "email", "birthday");
        assertThat(refused.getMessage()).contains("name", "email", "birthday");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-1")).isEmpty();
        assertThat(emailClaims.claims()).isEmpty();
    }

    static Stream<Arguments> enrollmentsWithOneBadField() {
        return Stream.of(
                Arguments.of(enrollment("m-1", "", "ann@example.com"), "name"),
                Arguments.of(enrollment("m-1", null, "ann@example.com"), "name"),
                Arguments.of(enrollment("m-1", "Ann Lee", "ann@example"), "email"),
                Arguments.of(enrollment("m-1", "Ann Lee", null), "email"),
                Arguments.of(new EnrollMember("m-1", "Ann Lee", "ann@example.com", "call me", null, true), "phone"),
                Arguments.of(new EnrollMember("m-1", "Ann Lee", "ann@example.com", null, TODAY.plusDays(1), true), "birthday"),
                Arguments.of(new EnrollMember("m-1", "Ann Lee", "ann@example.com", null, LocalDate.of(1899, 12, 31), true), "birthday"));
    }

    @ParameterizedTest(name = "[{index}] refused on {1}")
    @MethodSource("enrollmentsWithOneBadField")
    void anEnrollmentWithOneBadFieldIsRefusedNamingJustThatField(EnrollMember enrollment, String field) {
        Outcome outcome = fixture.when(enrollment);

        assertThat(outcome.exceptionAs(InvalidRequestException.class).violations())
                .extracting(Violation::field).containsExactly(field);
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-1")).isEmpty();
        assertThat(emailClaims.claims()).isEmpty();
    }

    @Test
    void anInvalidEnrollmentLeavesTheEmailFreeForALaterValidOne() {
        fixture.when(enrollment("m-1", " ", "ann@example.com"));

        Outcome retried = fixture.when(enrollment("m-1", "Ann Lee", "ann@example.com"));

        assertThat(retried.resultAs(String.class)).isEqualTo("m-1");
        assertThat(retried.events()).hasSize(1);
    }

    @Test
    void aSecondEnrollmentWithTheSameEmailInAnotherCaseIsAConflict() {
        assertThat(fixture.when(enrollment("m-1", "Ann Lee", "ann@example.com")).resultAs(String.class)).isEqualTo("m-1");

        Outcome outcome = fixture.when(enrollment("m-2", "Ann Other", "ANN@Example.com"));

        ConflictException conflict = outcome.exceptionAs(ConflictException.class);
        assertThat(conflict.field()).isEqualTo("email");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-2")).isEmpty();
        assertThat(fixture.storedEvents("m-1")).hasSize(1);
        assertThat(emailClaims.ownerOf("ann@example.com")).contains("m-1");
    }

    @Test
    void anEmailAlreadyClaimedElsewhereIsAConflictEvenForTheFirstEnrollmentSeenHere() {
        emailClaims.claim("ann@example.com", "m-9");

        Outcome outcome = fixture.when(enrollment("m-1", "Ann Lee", "Ann@Example.com"));

        assertThat(outcome.exceptionAs(ConflictException.class).field()).isEqualTo("email");
        assertThat(outcome.events()).isEmpty();
        assertThat(fixture.storedEvents("m-1")).isEmpty();
    }

    @Test
    void differentEmailsOpenSeparateAccounts() {
        assertThat(fixture.when(enrollment("m-1", "Ann Lee", "ann@example.com")).resultAs(String.class)).isEqualTo("m-1");
        assertThat(fixture.when(enrollment("m-2", "Bob Ray", "bob@example.com")).resultAs(String.class)).isEqualTo("m-2");

        assertThat(fixture.storedEvents("m-1")).hasSize(1);
        assertThat(fixture.storedEvents("m-2")).hasSize(1);
        assertThat(emailClaims.claims()).containsOnly(
                java.util.Map.entry("ann@example.com", "m-1"), java.util.Map.entry("bob@example.com", "m-2"));
    }
}
