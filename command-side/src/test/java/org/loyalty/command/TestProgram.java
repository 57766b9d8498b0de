package org.loyalty.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.rules.program.CatalogReward;
import org.loyalty.rules.program.ExpiryPolicy;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.program.TierDefinition;

/**
 * The default program of the platform (Starbucks Rewards style) as the tests use it: GREEN, GOLD at
 * 500 and RESERVE at 2500 qualifying points in a rolling 12 months, rewards at 25 to 400 points.
 * Tests vary the pending period, the expiry policies and the downgrade grace with the withers.
 */
public final class TestProgram {

    public static final String GREEN = "GREEN";
    public static final String GOLD = "GOLD";
    public static final String RESERVE = "RESERVE";
    public static final String BIRTHDAY_REWARD = "birthday-treat";
    public static final long MAX_POINTS_PER_ADJUSTMENT = 500;
    public static final long MAX_ADJUSTED_POINTS_PER_STAFF_PER_DAY = 2000;

    /** Reward ids name their price: {@code reward-25} costs 25 points. */
    public static final List<CatalogReward> CATALOG = List.of(
            new CatalogReward("reward-25", "Extra shot or syrup", 25),
            new CatalogReward("reward-60", "Brewed coffee", 60),
            new CatalogReward("reward-100", "Bakery item", 100),
            new CatalogReward("reward-200", "Handcrafted drink", 200),
            new CatalogReward("reward-300", "Lunch sandwich", 300),
            new CatalogReward("reward-400", "Merchandise", 400));

    private Duration pendingPeriod = Duration.ZERO;
    private Duration downgradeGrace = Duration.ZERO;
    private ExpiryPolicy greenExpiry = new ExpiryPolicy.Inactivity(6);
    private ExpiryPolicy goldExpiry = new ExpiryPolicy.Never();
    private ExpiryPolicy reserveExpiry = new ExpiryPolicy.Never();
    private ZoneId zone = ZoneOffset.UTC;

    private TestProgram() {
    }

    /** The program exactly as configured by default. */
    public static LoyaltyProgram standard() {
        return builder().build();
    }

    public static TestProgram builder() {
        return new TestProgram();
    }

    public TestProgram pendingPeriod(Duration value) {
        pendingPeriod = value;
        return this;
    }

    public TestProgram downgradeGrace(Duration value) {
        downgradeGrace = value;
        return this;
    }

    public TestProgram greenExpiry(ExpiryPolicy value) {
        greenExpiry = value;
        return this;
    }

    public TestProgram goldExpiry(ExpiryPolicy value) {
        goldExpiry = value;
        return this;
    }

    public TestProgram reserveExpiry(ExpiryPolicy value) {
        reserveExpiry = value;
        return this;
    }

    public TestProgram zone(ZoneId value) {
        zone = value;
        return this;
    }

    public LoyaltyProgram build() {
        return new LoyaltyProgram(
                List.of(
                        new TierDefinition(GREEN, 0, new BigDecimal("1"), Map.of(PaymentMethod.STORED_VALUE_CARD, new BigDecimal("2")),
                                greenExpiry, 1),
                        new TierDefinition(GOLD, 500, new BigDecimal("1.2"), Map.of(), goldExpiry, 7),
                        new TierDefinition(RESERVE, 2500, new BigDecimal("1.7"), Map.of(), reserveExpiry, 30)),
                Period.ofMonths(12),
                Period.ofMonths(12),
                downgradeGrace,
                pendingPeriod,
                zone,
                CATALOG,
                BIRTHDAY_REWARD,
                MAX_POINTS_PER_ADJUSTMENT,
                MAX_ADJUSTED_POINTS_PER_STAFF_PER_DAY);
    }
}
