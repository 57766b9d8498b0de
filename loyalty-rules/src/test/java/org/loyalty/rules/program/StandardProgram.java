package org.loyalty.rules.program;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.loyalty.api.purchase.PaymentMethod;

/** The default program (GREEN / GOLD at 500 / RESERVE at 2500) for the policies' unit tests. */
public final class StandardProgram {

    public static final TierDefinition GREEN = new TierDefinition("GREEN", 0, new BigDecimal("1"),
            Map.of(PaymentMethod.STORED_VALUE_CARD, new BigDecimal("2")), new ExpiryPolicy.Inactivity(6), 1);
    public static final TierDefinition GOLD = new TierDefinition("GOLD", 500, new BigDecimal("1.2"), Map.of(), new ExpiryPolicy.Never(), 7);
    public static final TierDefinition RESERVE = new TierDefinition("RESERVE", 2500, new BigDecimal("1.7"), Map.of(), new ExpiryPolicy.Never(), 30);

    private StandardProgram() {
    }

    public static LoyaltyProgram standard() {
        return withGrace(Duration.ZERO);
    }

    public static LoyaltyProgram withGrace(Duration grace) {
        return in(ZoneOffset.UTC, grace);
    }

    public static LoyaltyProgram in(ZoneId zone, Duration grace) {
        return new LoyaltyProgram(List.of(RESERVE, GREEN, GOLD), Period.ofMonths(12), Period.ofMonths(12), grace, Duration.ZERO, zone,
                List.of(new CatalogReward("reward-25", "Extra shot", 25), new CatalogReward("reward-60", "Brewed coffee", 60)),
                "birthday-treat", 500, 2000);
    }
}
