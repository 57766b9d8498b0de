package org.loyalty.infra.persistence;

import java.io.IOException;
import java.util.Optional;

/** The embedded server when one runs, so that Spring stops it after every pool that uses it has closed. */
record EmbeddedDatabaseHolder(Optional<EmbeddedDatabase> database) implements AutoCloseable {

    static EmbeddedDatabaseHolder none() {
        return new EmbeddedDatabaseHolder(Optional.empty());
    }

    static EmbeddedDatabaseHolder of(EmbeddedDatabase database) {
        return new EmbeddedDatabaseHolder(Optional.of(database));
    }

    @Override
    public void close() throws IOException {
        if (database.isPresent()) {
            database.get().close();
        }
    }
}
