package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.points.ExpiryDateChanged;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.PurchaseReceipt;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;

/**
 * Enrollment and the purchase path of the member account on Axon's AggregateTestFixture, with the
 * command handlers registered as the application registers them and in-memory claims standing in
 * for the claim tables (the integration tests use the real ones).
 */
class MemberAccountFixtureTest extends AccountFixtureTestBase {

    private static final Instant NOW = START;
    private static final Instant AT_THE_TILL = NOW.minusSeconds(90);
    /** Green points expire for inactivity six months after the last purchase. */
    private static final Instant SIX_MONTHS_AFTER_THE_TILL = ZonedDateTime.ofInstant(AT_THE_TILL, ZoneOffset.UTC).plusMonths(6).toInstant();

    private static MemberEnrolled enrolled() {
        return new MemberEnrolled("m-1", "Ann Lee", "ann@example.com", null, null, false, NOW.minus(Duration.ofDays(30)), TestProgram.GREEN, null);
    }

    private static RecordPurchase purchaseAtTheTill(String transactionId, PurchaseItem... items) {
        return new RecordPurchase("m-1", transactionId, "store-7", AT_THE_TILL, "USD", PaymentMethod.CARD, List.of(items));
    }

    private static RecordPurchase basketOf1260(String transactionId) {
        return purchaseAtTheTill(transactionId, item("coffee", 2, "4.30"), item("bagel", 1, "4.00"));
    }

    private static PurchaseRecorded recorded(RecordPurchase p, String netTotal) {
        return new PurchaseRecorded(p.memberId(), p.transactionId(), p.storeId(), p.occurredAt(), p.currency(),
                p.paymentMethod(), p.items(), new BigDecimal(netTotal), NOW);
    }

    private static PointsEarned earned(RecordPurchase p, String netTotal, long points, List<Long> itemPoints, long balanceAfter) {
        return new PointsEarned(p.memberId(), p.transactionId(), points, balanceAfter,
                List.of(tierRate("GREEN", "1", points, netTotal)), p.occurredAt(), "GREEN", itemPoints, p.transactionId(),
                NOW, null, 0);
    }

    private static ExpiryDateChanged expiryMovedByPurchase() {
        return new ExpiryDateChanged("m-1", SIX_MONTHS_AFTER_THE_TILL, "PURCHASE", NOW);
    }

    @Test
    void anEnrollmentEmitsMemberEnrolledInTheEntryTierAtTheClocksInstantAndAnswersWithTheMemberId() {
        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", " Ann Lee ", "Ann@Example.com", "+1 (555) 123-4567", LocalDate.of(2000, 2, 29), true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberEnrolled("m-1", "Ann Lee", "Ann@Example.com", "+1 (555) 123-4567",
                        LocalDate.of(2000, 2, 29), true, NOW, "GREEN", null))
                .expectResultMessagePayload("m-1");
        assertThat(emailClaims.ownerOf("ann@example.com")).contains("m-1");
    }

    @Test
    void anEnrollmentSchedulesTheNextBirthdayWindowAsTheAccountsFirstDueWork() {
        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", "Ann Lee", "ann@example.com", null, LocalDate.of(2000, 2, 29), true, null))
                .expectSuccessfulHandlerExecution();

        // 29 February: in 2026, a common year, the window opens on 28 February.
        assertThat(schedule.dueAt("m-1")).contains(Instant.parse("2026-02-28T00:00:00Z"));
    }

    @Test
    void anEnrollmentWithoutBirthdayHasNothingDue() {
        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", "Ann Lee", "ann@example.com", null, null, true, null))
                .expectSuccessfulHandlerExecution();

        assertThat(schedule.wasWritten("m-1")).isTrue();
        assertThat(schedule.dueAt("m-1")).isEmpty();
    }

    @Test
    void anInvalidEnrollmentIsRefusedNamingTheFieldsAndEmitsNothing() {
        fixture.givenNoPriorActivity()
                .when(new EnrollMember("m-1", " ", "ann-at-example.com", null, LocalDate.of(2025, 6, 16), true, null))
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
                .when(new EnrollMember("m-1", "Ann Lee", "ANN@example.COM", null, null, true, null))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void aPurchaseEmitsPurchaseRecordedPointsEarnedAndTheNewInactivityDateAndAnswersWithAReceipt() {
        RecordPurchase purchase = basketOf1260("t-1");
        fixture.given(enrolled())
                .when(purchase)
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(purchase, "12.60"), earned(purchase, "12.60", 12, List.of(8L, 4L), 12), expiryMovedByPurchase())
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-1", 12, 12, false));
        assertThat(schedule.dueAt("m-1")).contains(SIX_MONTHS_AFTER_THE_TILL);
    }

    @Test
    void aPurchaseWorthLessThanOneUnitIsRecordedButEarnsNothingAndStillCountsAsActivity() {
        RecordPurchase purchase = purchaseAtTheTill("t-1", item("gum", 1, "0.99"));
        fixture.given(enrolled())
                .when(purchase)
                .expectEvents(recorded(purchase, "0.99"), expiryMovedByPurchase())
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-1", 0, 0, false));
    }

    @Test
    void aRetriedTransactionEarnsNothingMore() {
        RecordPurchase purchase = basketOf1260("t-1");
        fixture.given(enrolled(), recorded(purchase, "12.60"), earned(purchase, "12.60", 12, List.of(8L, 4L), 12), expiryMovedByPurchase())
                .when(purchase)
                .expectNoEvents()
                .expectResultMessagePayload(new PurchaseReceipt("m-1", "t-1", 12, 12, true));
    }

    @Test
    void aTransactionIdClaimedByAnotherMemberIsAConflict() {
        purchaseClaims.claim("t-1", "m-2");
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
                .when(purchaseAtTheTill("t-1", item("coffee", 1, "4.30"), item("bagel", 0, "4.00"), item("jam", 1, "1.234")))
                .expectNoEvents()
                .expectException(InvalidRequestException.class)
                .expectExceptionMessage("Invalid request: items[1].quantity must be between 1 and 10000;"
                        + " items[2].unitPrice has more decimals than USD allows (2);");
        assertThat(purchaseClaims.claims()).isEmpty();
    }

    @Test
    void balancesAccumulateOverSeveralPurchases() {
        RecordPurchase first = basketOf1260("t-1");
        RecordPurchase small = purchaseAtTheTill("t-2", item("gum", 2, "0.25"));
        RecordPurchase second = purchaseAtTheTill("t-3", item("shoes", 1, "30.00"));
        RecordPurchase next = purchaseAtTheTill("t-4", item("book", 1, "7.99"));
        fixture.given(enrolled(), recorded(first, "12.60"), earned(first, "12.60", 12, List.of(8L, 4L), 12), expiryMovedByPurchase(),
                        recorded(small, "0.50"), recorded(second, "30.00"), earned(second, "30.00", 30, List.of(30L), 42))
                .when(next)
                .expectEvents(recorded(next, "7.99"), earned(next, "7.99", 7, List.of(7L), 49))
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
                                predicate(
                                        p -> p instanceof ExpiryDateChanged),
                                andNoMore())));
    }

    @Test
    void anEnrollmentEventStoredBeforeTiersExistedIsReadAsTheEntryTier() {
        MemberEnrolled legacy = new MemberEnrolled("m-1", "Ann Lee", "ann@example.com", null, null, false, NOW.minus(Duration.ofDays(30)), null, null);
        RecordPurchase purchase = basketOf1260("t-1");

        fixture.given(legacy)
                .when(purchase)
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(purchase, "12.60"), earned(purchase, "12.60", 12, List.of(8L, 4L), 12), expiryMovedByPurchase());
    }
}
