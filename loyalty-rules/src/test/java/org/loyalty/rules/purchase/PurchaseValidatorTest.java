package org.loyalty.rules.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.Violation;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PurchaseItem;
import org.loyalty.api.purchase.RecordPurchase;

class PurchaseValidatorTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final PurchaseValidator validator =
            new PurchaseValidator(Set.of("USD", "EUR", "JPY"), Clock.fixed(NOW, ZoneOffset.UTC), TOLERANCE);

    private static PurchaseItem item(int quantity, String unitPrice) {
        return new PurchaseItem("sku-1", "grocery", quantity, unitPrice == null ? null : new BigDecimal(unitPrice));
    }

    private static RecordPurchase purchase(String memberId, String transactionId, String storeId, Instant occurredAt,
                                           String currency, PaymentMethod paymentMethod, List<PurchaseItem> items) {
        return new RecordPurchase(memberId, transactionId, storeId, occurredAt, currency, paymentMethod, items);
    }

    private static RecordPurchase valid() {
        return withItems(item(2, "4.30"), item(1, "4.00"));
    }

    private static RecordPurchase withItems(PurchaseItem... items) {
        return inCurrency("USD", items);
    }

    private static RecordPurchase inCurrency(String currency, PurchaseItem... items) {
        return purchase("m-1", "t-1", "store-7", NOW.minusSeconds(60), currency, PaymentMethod.CARD, Arrays.asList(items));
    }

    private static RecordPurchase occurredAt(Instant occurredAt) {
        return purchase("m-1", "t-1", "store-7", occurredAt, "USD", PaymentMethod.CARD, List.of(item(1, "1.00")));
    }

    private List<Violation> violationsOf(RecordPurchase purchase) {
        return validator.violations(purchase);
    }

    // ---- a good purchase ----

    @Test
    void aWellFormedPurchaseHasNoViolations() {
        assertThat(violationsOf(valid())).isEmpty();
    }

    @Test
    void idsMayUseLettersDigitsDotsUnderscoresColonsAndDashes() {
        RecordPurchase purchase = purchase("Member_01", "POS-7:2025.06.15_0042", "store.7-A", NOW, "USD",
                PaymentMethod.MOBILE_WALLET, List.of(item(1, "1.00")));

        assertThat(violationsOf(purchase)).isEmpty();
    }

    // ---- ids ----

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t"})
    void blankIdsAreEachReported(String blank) {
        RecordPurchase purchase = purchase(blank, blank, blank, NOW, "USD", PaymentMethod.CARD, List.of(item(1, "1.00")));

        assertThat(violationsOf(purchase)).containsExactly(
                new Violation("memberId", "must not be blank"),
                new Violation("transactionId", "must not be blank"),
                new Violation("storeId", "must not be blank"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"t 1", "t/1", "t#1", "t?1=2", "tëst", "t,1", "<script>", "t\n1"})
    void idsWithCharactersOutsideTheSafeAlphabetAreRefused(String id) {
        RecordPurchase purchase = purchase(id, id, id, NOW, "USD", PaymentMethod.CARD, List.of(item(1, "1.00")));

        assertThat(violationsOf(purchase)).containsExactly(
                new Violation("memberId", "may contain only letters, digits and . _ : -"),
                new Violation("transactionId", "may contain only letters, digits and . _ : -"),
                new Violation("storeId", "may contain only letters, digits and . _ : -"));
    }

    @Test
    void anIdOfSixtyFourCharactersIsAcceptedAndOneMoreIsTooLong() {
        String longest = "t".repeat(64);
        String tooLong = "t".repeat(65);

        assertThat(violationsOf(purchase("m-1", longest, "store-7", NOW, "USD", PaymentMethod.CARD, List.of(item(1, "1.00")))))
                .isEmpty();
        assertThat(violationsOf(purchase("m-1", tooLong, "store-7", NOW, "USD", PaymentMethod.CARD, List.of(item(1, "1.00")))))
                .containsExactly(new Violation("transactionId", "must be at most 64 characters"));
    }

    // ---- occurredAt ----

    @Test
    void aPurchaseAheadOfTheClockByMoreThanTheToleranceIsInTheFuture() {
        assertThat(violationsOf(occurredAt(NOW.plus(TOLERANCE).plusSeconds(1))))
                .containsExactly(new Violation("occurredAt", "must not be in the future"));
        assertThat(violationsOf(occurredAt(NOW.plus(Duration.ofDays(1)))))
                .containsExactly(new Violation("occurredAt", "must not be in the future"));
    }

    @Test
    void aPurchaseAheadOfTheClockWithinTheToleranceIsAccepted() {
        assertThat(violationsOf(occurredAt(NOW.plusSeconds(30)))).isEmpty();
        assertThat(violationsOf(occurredAt(NOW.plus(TOLERANCE)))).isEmpty();
    }

    @Test
    void aPurchaseAtOrBeforeTheClockIsAccepted() {
        assertThat(violationsOf(occurredAt(NOW))).isEmpty();
        assertThat(violationsOf(occurredAt(NOW.minus(Duration.ofDays(3))))).isEmpty();
    }

    @Test
    void withoutToleranceOneSecondAheadIsAlreadyTheFuture() {
        PurchaseValidator strict = new PurchaseValidator(Set.of("USD"), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

        assertThat(strict.violations(occurredAt(NOW))).isEmpty();
        assertThat(strict.violations(occurredAt(NOW.plusSeconds(1)))).extracting(Violation::field).containsExactly("occurredAt");
    }

    @Test
    void aMissingOccurredAtIsRequired() {
        assertThat(violationsOf(occurredAt(null))).containsExactly(new Violation("occurredAt", "is required"));
    }

    // ---- currency and payment ----

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"GBP", "usd", "XYZ"})
    void anUnsupportedCurrencyIsRefusedListingTheSupportedOnes(String currency) {
        assertThat(violationsOf(inCurrency(currency, item(1, "1.00")))).containsExactly(
                new Violation("currency", "unsupported currency " + currency + "; supported: [EUR, JPY, USD]"));
    }

    @Test
    void aBlankOrOverlongCurrencyIsRefused() {
        assertThat(violationsOf(inCurrency("", item(1, "1.00")))).containsExactly(new Violation("currency", "must not be blank"));
        assertThat(violationsOf(inCurrency(null, item(1, "1.00")))).containsExactly(new Violation("currency", "must not be blank"));
        assertThat(violationsOf(inCurrency("USDX", item(1, "1.00"))))
                .containsExactly(new Violation("currency", "must be at most 3 characters"));
    }

    @Test
    void aMissingPaymentMethodIsRequired() {
        RecordPurchase purchase = purchase("m-1", "t-1", "store-7", NOW, "USD", null, List.of(item(1, "1.00")));

        assertThat(violationsOf(purchase)).containsExactly(new Violation("paymentMethod", "is required"));
    }

    // ---- items ----

    @Test
    void aPurchaseWithoutItemsIsRefused() {
        assertThat(violationsOf(withItems())).containsExactly(new Violation("items", "must contain at least one item"));
        assertThat(violationsOf(purchase("m-1", "t-1", "store-7", NOW, "USD", PaymentMethod.CARD, null)))
                .containsExactly(new Violation("items", "must contain at least one item"));
    }

    @Test
    void fiveHundredItemsAreAcceptedAndOneMoreIsTooMany() {
        List<PurchaseItem> items = new ArrayList<>(Collections.nCopies(PurchaseValidator.MAX_ITEMS, item(1, "1.00")));
        assertThat(violationsOf(withItems(items.toArray(PurchaseItem[]::new)))).isEmpty();

        items.add(item(1, "1.00"));
        assertThat(violationsOf(withItems(items.toArray(PurchaseItem[]::new))))
                .containsExactly(new Violation("items", "must contain at most 500 items"));
    }

    @Test
    void aNullItemIsReportedByItsPosition() {
        assertThat(violationsOf(withItems(item(1, "1.00"), null, item(1, "2.00"))))
                .containsExactly(new Violation("items[1]", "must not be null"));
    }

    @Test
    void anItemNeedsASkuAndACategory() {
        PurchaseItem nameless = new PurchaseItem(" ", null, 1, new BigDecimal("1.00"));

        assertThat(violationsOf(withItems(item(1, "1.00"), nameless))).containsExactly(
                new Violation("items[1].sku", "must not be blank"),
                new Violation("items[1].category", "must not be blank"));
    }

    @ParameterizedTest(name = "[{index}] quantity {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, 10_001})
    void aQuantityOutsideOneToTenThousandIsRefused(int quantity) {
        assertThat(violationsOf(withItems(item(quantity, "1.00"))))
                .containsExactly(new Violation("items[0].quantity", "must be between 1 and 10000"));
    }

    @ParameterizedTest(name = "[{index}] quantity {0}")
    @ValueSource(ints = {1, 10_000})
    void aQuantityFromOneToTenThousandIsAccepted(int quantity) {
        assertThat(violationsOf(withItems(item(quantity, "1.00")))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] unit price {0}")
    @ValueSource(strings = {"-1.00", "-0.01", "1000000.01"})
    void aUnitPriceThatIsNotPositiveOrTooHighIsRefused(String unitPrice) {
        assertThat(violationsOf(withItems(item(1, unitPrice))))
                .containsExactly(new Violation("items[0].unitPrice", "must be between 0 and 1000000"));
    }

    @ParameterizedTest(name = "[{index}] unit price {0}")
    @ValueSource(strings = {"0", "0.00", "0.01", "1", "1000000", "1000000.00"})
    void aUnitPriceFromOneCentToOneMillionIsAccepted(String unitPrice) {
        assertThat(violationsOf(withItems(item(1, unitPrice)))).isEmpty();
    }

    @Test
    void aMissingUnitPriceIsRequired() {
        assertThat(violationsOf(withItems(item(1, null))))
                .containsExactly(new Violation("items[0].unitPrice", "is required"));
    }

    @Test
    void aUnitPriceWithMoreDecimalsThanTheCurrencyHasIsRefused() {
        assertThat(violationsOf(inCurrency("USD", item(1, "1.234"))))
                .containsExactly(new Violation("items[0].unitPrice", "has more decimals than USD allows (2)"));
        assertThat(violationsOf(inCurrency("EUR", item(1, "0.001"))))
                .containsExactly(new Violation("items[0].unitPrice", "has more decimals than EUR allows (2)"));
        assertThat(violationsOf(inCurrency("JPY", item(1, "1.5"))))
                .containsExactly(new Violation("items[0].unitPrice", "has more decimals than JPY allows (0)"));
        assertThat(violationsOf(inCurrency("JPY", item(1, "150.50"))))
                .containsExactly(new Violation("items[0].unitPrice", "has more decimals than JPY allows (0)"));
    }

    @Test
    void trailingZerosDoNotCountAsDecimals() {
        assertThat(violationsOf(inCurrency("USD", item(1, "1.230")))).isEmpty();
        assertThat(violationsOf(inCurrency("USD", item(1, "4.5")))).isEmpty();
        assertThat(violationsOf(inCurrency("JPY", item(1, "150")))).isEmpty();
        assertThat(violationsOf(inCurrency("JPY", item(1, "150.00")))).isEmpty();
        assertThat(violationsOf(inCurrency("JPY", item(1, "1500")))).isEmpty();
    }

    @Test
    void decimalsAreNotJudgedAgainstAnUnsupportedCurrency() {
        assertThat(violationsOf(inCurrency("GBP", item(1, "1.234")))).extracting(Violation::field).containsExactly("currency");
    }

    // ---- all at once ----

    @Test
    void everyViolationIsReportedAtOnceWithItsFieldName() {
        RecordPurchase purchase = purchase("", "t 1", "store-7", NOW.plus(Duration.ofHours(2)), "GBP", null, Arrays.asList(
                item(1, "4.30"),
                item(0, "4.00"),
                null,
                new PurchaseItem("", "grocery", 20_000, new BigDecimal("-2"))));

        assertThat(violationsOf(purchase)).extracting(Violation::field).containsExactly(
                "memberId",
                "transactionId",
                "occurredAt",
                "currency",
                "paymentMethod",
                "items[1].quantity",
                "items[2]",
                "items[3].sku",
                "items[3].quantity",
                "items[3].unitPrice");
    }

    @Test
    void severalBadItemsAreEachNamedByTheirIndex() {
        assertThat(violationsOf(inCurrency("USD", item(1, "4.30"), item(0, "4.00"), item(3, "1.234"))))
                .extracting(Violation::field, Violation::message)
                .containsExactly(
                        tuple("items[1].quantity", "must be between 1 and 10000"),
                        tuple("items[2].unitPrice", "has more decimals than USD allows (2)"));
    }

    @Test
    void theValidatorKeepsItsOwnCopyOfTheSupportedCurrencies() {
        Set<String> currencies = new java.util.HashSet<>(Set.of("USD"));
        PurchaseValidator copied = new PurchaseValidator(currencies, Clock.fixed(NOW, ZoneOffset.UTC), TOLERANCE);

        currencies.add("GBP");

        assertThat(copied.violations(inCurrency("GBP", item(1, "1.00")))).extracting(Violation::field).containsExactly("currency");
    }
}
