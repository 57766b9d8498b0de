package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.command.enrollment.EnrollmentCommandHandler;
import org.loyalty.command.enrollment.InMemoryEmailClaims;
import org.loyalty.command.purchase.InMemoryTransactionClaims;
import org.loyalty.command.purchase.PurchaseCommandHandler;
import org.loyalty.rules.earning.BaseRateEarning;
import org.loyalty.rules.member.EnrollmentValidator;
import org.loyalty.rules.purchase.PurchaseValidator;

/**
 * Every command path of the member account on Axon's AggregateTestFixture, with the external command
 * handlers registered as the application registers them and in-memory claims standing in for the
 * claim tables (the integration tests use the real ones).
 */
class MemberAccountFixtureTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final Instant AT_THE_TILL = NOW.minusSeconds(90);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryEmailClaims emailClaims = new InMemoryEmailClaims();
    private final InMemoryTransactionClaims transactionClaims = new InMemoryTransactionClaims();
    private AggregateTestFixture<MemberAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MemberAccount.class);
        fixture.registerAnnotatedCommandHandler(new EnrollmentCommandHandler(
                fixture.getRepository(), emailClaims, new EnrollmentValidator(clock), clock));
        fixture.registerAnnotatedCommandHandler(new PurchaseCommandHandler(fixture.getRepository(), transactionClaims,
                new PurchaseValidator(Set.of("USD", "EUR", "JPY"), clock, Duration.ofMinutes(5)),
                new BaseRateEarning(BigDecimal.ONE), clock));
    }

    private static MemberEnrolled enrolled() {
        return new MemberEnrolled("m-1", "Ann Lee", "ann@example.com", null, null, false, NOW.minus(Duration.ofDays(30)));
    }

    private static PurchaseItem item(String sku, int quantity, String unitPrice) {
        return new PurchaseItem(sku, "grocery", quantity, new BigDecimal(unitPrice));
    }

    private static RecordPurchase purchase(String transactionId, PurchaseItem... items) {
        return new RecordPurchase("m-1", transactionId, "store-7", AT_THE_TILL, "USD", PaymentMethod.CARD, List.of(items));
    }

    private static RecordPurchase basketOf1260(String transactionId) {
        return purchase(transactionId, item("coffee", 2, "4.30"), item("bagel", 1, "4.00"));
    }

    private static PurchaseRecorded recorded(RecordPurchase p, String netTotal) {
        return new PurchaseRecorded(p.memberId(), p.transactionId(), p.storeId(), p.occurredAt(), p.currency(),
                p.paymentMethod(), p.items(), new BigDecimal(netTotal), NOW);
    }

    private static PointsEarned earned(RecordPurchase p, String netTotal, long points, long balanceAfter) {
        return new PointsEarned(p.memberId(), p.transactionId(), points, balanceAfter,
                List.of(new AppliedRule("base-rate", 1, points, "1 point(s) per currency unit, rounded down, on " + netTotal)), NOW);
    }

    @Test
    void anEnrollmentEmitsMemberEnrolledAtTheClocksInstantAndAnswersWithTheMemberId() {
        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", " Ann Lee ", "Ann@Example.com", "+1 (555) 123-4567", LocalDate.of(2000, 2, 29), true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberEnrolled("m-1", "Ann Lee", "Ann@Example.com", "+1 (555) 123-4567",
                        LocalDate.of(2000, 2, 29), true, NOW))
                .expectResultMessagePayload("m-1");
        assertThat(emailClaims.ownerOf("ann@example.com")).contains("m-1");
    }

    @Test
    void anInvalidEnrollmentIsRefusedNamingTheFieldsAndEmitsNothing() {
        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", " ", "ann-at-example.com", null, LocalDate.of(2025, 6, 16), true))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage("Invalid request: name must not be blank; email is not a valid email address;"
                        + " birthday must not be in the future;");
        assertThat(emailClaims.claims()).isEmpty();
    }

    @Test
    void aSecondEnrollmentWithTheSameEmailInAnotherCaseIsAConflict() {
        emailClaims.claim("ann@example.com", "m-0");

        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", "Ann Lee", "ANN@example.COM", null, null, true))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void aPurchaseEmitsPurchaseRecordedAndPointsEarnedAndAnswersWithAReceipt() {
        RecordPurchase purchase = basketOf1260("t-1");
        fixture.given(enrolled())
                .when(purchase)
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(purchase, "12.60"), earned(purchase, "12.60", 12, 12))
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-1", 12, 12, false));
    }

    @Test
    void aPurchaseWorthLessThanOneUnitIsRecordedButEarnsNothing() {
        RecordPurchase purchase = purchase("t-1", item("gum", 1, "0.99"));
        fixture.given(enrolled())
                .when(purchase)
                .expectEvents(recorded(purchase, "0.99"))
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-1", 0, 0, false));
    }

    @Test
    void aRetriedTransactionEarnsNothingMore() {
        RecordPurchase purchase = basketOf1260("t-1");
        fixture.given(enrolled(), recorded(purchase, "12.60"), earned(purchase, "12.60", 12, 12))
                .when(purchase)
                .expectNoEvents()
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-1", 12, 12, true));
    }

    @Test
    void aTransactionIdClaimedByAnotherMemberIsAConflict() {
        transactionClaims.claim("t-1", "m-2");
        fixture.given(enrolled())
                .when(basketOf1260("t-1"))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void aPurchaseForAnUnknownMemberIsRefused() {
        fixture.givenNoPriorActivity()
                .when(basketOf1260("t-1"))
                .expectNoEvents()
                .expectException(UnknownMemberException.class)
                .expectExceptionMessage("No member with id m-1");
    }

    @Test
    void anInvalidPurchaseIsRefusedAndEmitsNothing() {
        fixture.given(enrolled())
                .when(purchase("t-1", item("coffee", 1, "4.30"), item("bagel", 0, "4.00"), item("jam", 1, "1.234")))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage("Invalid request: items[1].quantity must be between 1 and 10000;"
                        + " items[2].unitPrice has more decimals than USD allows (2);");
        assertThat(transactionClaims.claims()).isEmpty();
    }

    @Test
    void balancesAccumulateOverSeveralPurchases() {
        RecordPurchase first = basketOf1260("t-1");
        RecordPurchase small = purchase("t-2", item("gum", 2, "0.25"));
        RecordPurchase second = purchase("t-3", item("shoes", 1, "30.00"));
        RecordPurchase next = purchase("t-4", item("book", 1, "7.99"));
        fixture.given(enrolled(), recorded(first, "12.60"), earned(first, "12.60", 12, 12), recorded(small, "0.50"),
                        recorded(second, "30.00"), earned(second, "30.00", 30, 42))
                .when(next)
                .expectEvents(recorded(next, "7.99"), earned(next, "7.99", 7, 49))
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-4", 7, 49, false))
                .expectState(account -> assertThat(account.balance()).isEqualTo(49));
    }

    @Test
    void thePurchaseRecordedEventCarriesTheExactNetTotal() {
        fixture.given(enrolled())
                .when(basketOf1260("t-1"))
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(
                                predicate(
                                        p -> p instanceof PurchaseRecorded r && r.netTotal().compareTo(new BigDecimal("12.60")) == 0),
                                predicate(
                                        p -> p instanceof PointsEarned e && e.balanceAfter() == 12),
                                andNoMore())));
    }
}
