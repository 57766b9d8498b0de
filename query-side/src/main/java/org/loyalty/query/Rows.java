package org.loyalty.query;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading R2DBC rows the same way in every reader. */
public final class Rows {

    private Rows() {
    }

    /** A {@code TIMESTAMPTZ} column as an instant; null stays null. */
    public static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
