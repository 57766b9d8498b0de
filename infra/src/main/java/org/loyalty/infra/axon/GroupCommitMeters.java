package org.loyalty.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** How many commands each group commit carried, and how many had to be sent again alone. */
public final class GroupCommitMeters {

    private final DistributionSummary size;
    private final Counter fellBack;

    public GroupCommitMeters(MeterRegistry registry) {
        size = DistributionSummary.builder("loyalty.commands.group.commit.size")
                .description("Commands committed together in one transaction (group commit)").register(registry);
        fellBack = Counter.builder("loyalty.commands.group.commit.fallbacks")
                .description("Commands of failed group commits, sent again one at a time").register(registry);
    }

    void committed(int commands) {
        size.record(commands);
    }

    void fellBack(int commands) {
        fellBack.increment(commands);
    }
}
