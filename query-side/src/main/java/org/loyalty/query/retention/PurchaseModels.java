package org.loyalty.query.retention;

import java.util.Collection;

/** Entry point that fits the configured kind of purchase model. */
public final class PurchaseModels {

    private PurchaseModels() {
    }

    /** Fits {@code kind} by maximum likelihood with the fitter's defaults. */
    public static PurchaseModelFit fit(PurchaseModelKind kind, Collection<PurchaseHistory> histories) {
        return switch (kind) {
            case BG_NBD -> new BgNbdFitter().fit(histories).asPurchaseModelFit();
            case PARETO_NBD -> new ParetoNbdFitter().fit(histories).asPurchaseModelFit();
        };
    }
}
