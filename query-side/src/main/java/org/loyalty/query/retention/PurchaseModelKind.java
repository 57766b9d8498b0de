package org.loyalty.query.retention;

import java.util.Locale;

/** The purchase ("buy till you die") models the platform can be configured to fit. */
public enum PurchaseModelKind {
    /** Beta-geometric/NBD, {@link BgNbdModel}: drop-out can only happen right after a repeat purchase. */
    BG_NBD,
    /** Pareto/NBD, {@link ParetoNbdModel}: drop-out can happen at any time. */
    PARETO_NBD;

    /**
     * Reads a configured value leniently ({@code "BG_NBD"}, {@code "bg-nbd"}, {@code "Pareto/NBD"}), so
     * that a property file can use the spelling the literature uses.
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static PurchaseModelKind parse(String configured) {
        String normalised = configured.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace('/', '_');
        for (PurchaseModelKind kind : values()) {
            if (kind.name().equals(normalised)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown purchase model '" + configured + "', expected BG_NBD or PARETO_NBD");
    }
}
