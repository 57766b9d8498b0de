package org.loyalty.command;

import java.util.concurrent.Callable;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/** Creating an aggregate through Axon's repository, whose {@code newInstance} declares a checked exception. */
public final class NewAggregates {

    private NewAggregates() {
    }

    /**
     * Creates the aggregate; a checked failure is rethrown unchecked on purpose, because the unit of
     * work rolls back on unchecked exceptions only.
     */
    public static <T> Aggregate<T> create(Repository<T> repository, Callable<T> factory, String what) {
        try {
            return repository.newInstance(factory);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + what, e);
        }
    }
}
