package org.loyalty.query.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PurchaseModelKindTest {

    @Test
    void parsesTheSpellingsAConfigurationMightUse() {
        assertThat(PurchaseModelKind.parse("BG_NBD")).isEqualTo(PurchaseModelKind.BG_NBD);
        assertThat(PurchaseModelKind.parse(" bg-nbd ")).isEqualTo(PurchaseModelKind.BG_NBD);
        assertThat(PurchaseModelKind.parse("BG/NBD")).isEqualTo(PurchaseModelKind.BG_NBD);
        assertThat(PurchaseModelKind.parse("Pareto/NBD")).isEqualTo(PurchaseModelKind.PARETO_NBD);
        assertThat(PurchaseModelKind.parse("pareto_nbd")).isEqualTo(PurchaseModelKind.PARETO_NBD);
        assertThatThrownBy(() -> PurchaseModelKind.parse("mbg-nbd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BG_NBD or PARETO_NBD");
    }
}
