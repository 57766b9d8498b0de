package org.loyalty.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.returns.RecordReturn;
import org.loyalty.command.purchase.JdbcTransactionClaims;
import org.loyalty.rules.purchase.PurchaseValidator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group commits ({@link GroupCommits}) for what tills send: purchases and returns, ordered per member.
 * {@code loyalty.commands.group-commit.lanes: 0} turns them off (one transaction per command).
 */
@Configuration(proxyBeanMethods = false)
class GroupCommitConfiguration {

    @Bean(destroyMethod = "close")
    GroupCommits groupCommits(CommandBus commandBus, CommandGateway gateway, TransactionManager transactionManager,
                              MeterRegistry registry, JdbcTemplate jdbc, PurchaseValidator purchases,
                              @Value("${loyalty.commands.group-commit.lanes:2}") int lanes,
                              @Value("${loyalty.commands.group-commit.max-batch:64}") int maxBatch,
                              @Value("${loyalty.commands.group-commit.queue-capacity:4096}") int queueCapacity,
                              @Value("${loyalty.commands.group-commit.quiet:PT0S}") Duration quiet) {
        if (lanes < 0) {
            throw new IllegalArgumentException("loyalty.commands.group-commit.lanes must be 0 (off) or more");
        }
        return new GroupCommits(commandBus, gateway, transactionManager, lanes == 0 ? command -> null : GroupCommitConfiguration::member,
                preparation(new JdbcTransactionClaims(jdbc, JdbcTransactionClaims.PURCHASES), new LastSequenceNumbers(jdbc), purchases),
                new GroupCommits.LaneSettings(Math.max(lanes, 1), maxBatch, queueCapacity, quiet), new GroupCommitMeters(registry));
    }

    /**
     * What a batch's purchases would each do first, done once for all: claim their transaction ids and read their
     * accounts' last sequence numbers. A purchase that its handler will refuse as invalid is left out: it writes
     * nothing, and its refusal is its own.
     */
    static Consumer<List<CommandMessage<?>>> preparation(JdbcTransactionClaims claims, LastSequenceNumbers sequences,
                                                         PurchaseValidator validator) {
        return commands -> {
            Map<String, String> transactions = new LinkedHashMap<>();
            Set<String> members = new LinkedHashSet<>();
            for (CommandMessage<?> command : commands) {
                if (command.getPayload() instanceof RecordPurchase purchase && validator.violations(purchase).isEmpty()) {
                    transactions.putIfAbsent(purchase.transactionId(), purchase.memberId());
                    members.add(purchase.memberId());
                }
            }
            claims.claimAll(transactions);
            sequences.prefetch(members);
        };
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
