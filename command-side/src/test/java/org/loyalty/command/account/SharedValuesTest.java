package org.loyalty.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SharedValuesTest {

    @Test
    void anEqualValueIsAnsweredWithTheFirstInstance() {
        SharedValues<String> skus = new SharedValues<>();
        String first = new String("LATTE-TALL");

        assertThat(skus.share(first)).isSameAs(first);
        assertThat(skus.share(new String("LATTE-TALL"))).isSameAs(first);
    }

    @Test
    void aLineAtAPriceOfAnotherScaleIsAnotherValue() {
        SharedValues<RecordedPurchase.Line> lines = new SharedValues<>();
        RecordedPurchase.Line tenCents = new RecordedPurchase.Line("gum", 1, new BigDecimal("0.10"));

        assertThat(lines.share(tenCents)).isSameAs(tenCents);
        assertThat(lines.share(new RecordedPurchase.Line("gum", 1, new BigDecimal("0.1"))).unitPrice()).hasToString("0.1");
        assertThat(lines.share(new RecordedPurchase.Line("gum", 2, new BigDecimal("0.10")))).isNotSameAs(tenCents);
        assertThat(lines.size()).isEqualTo(3);
    }

    @Test
    void pastTheLimitNewValuesAreKeptAsTheyComeAndKnownOnesStillShared() {
        SharedValues<String> skus = new SharedValues<>();
        String known = skus.share(new String("SKU-0"));
        for (int i = 1; i < SharedValues.LIMIT; i++) {
            skus.share("SKU-" + i);
        }
        String unusual = new String("SKU-NEW");

        assertThat(skus.share(unusual)).isSameAs(unusual);
        assertThat(skus.share(new String("SKU-NEW"))).isNotSameAs(unusual);
        assertThat(skus.size()).isEqualTo(SharedValues.LIMIT);
        assertThat(skus.share(new String("SKU-0"))).isSameAs(known);
    }
}
