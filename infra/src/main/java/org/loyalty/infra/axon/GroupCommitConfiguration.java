package org.loyalty.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.returns.RecordReturn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Group commits ({@link GroupCommits}) for what tills send: purchases and returns, ordered per member.
 * {@code loyalty.commands.group-commit.lanes: 0} turns them off (one transaction per command).
 */
@Configuration(proxyBeanMethods = false)
class GroupCommitConfiguration {

    @Bean(destroyMethod = "close")
    GroupCommits groupCommits(CommandBus commandBus, CommandGateway gateway, TransactionManager transactionManager,
                              MeterRegistry registry,
                              @Value("${loyalty.commands.group-commit.lanes:4}") int lanes,
                              @Value("${loyalty.commands.group-commit.max-batch:64}") int maxBatch,
                              @Value("${loyalty.commands.group-commit.queue-capacity:4096}") int queueCapacity) {
        if (lanes < 0) {
            throw new IllegalArgumentException("loyalty.commands.group-commit.lanes must be 0 (off) or more");
        }
        return new GroupCommits(commandBus, gateway, transactionManager, lanes == 0 ? command -> null : GroupCommitConfiguration::member,
                Math.max(lanes, 1), maxBatch, queueCapacity, new GroupCommitMeters(registry));
    }

    /** The account a till's command changes: commands of one member are handled in order, by one lane. */
    static String member(Object command) {
        if (command instanceof RecordPurchase purchase) {
            return purchase.memberId() == null ? "" : purchase.memberId();
        }
        if (command instanceof RecordReturn refund) {
            return refund.memberId() == null ? "" : refund.memberId();
        }
        return null;
    }
}
