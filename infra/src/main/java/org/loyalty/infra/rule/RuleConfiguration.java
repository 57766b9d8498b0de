package org.loyalty.infra.rule;

import java.time.Clock;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.loyalty.command.rule.EarningRule;
import org.loyalty.command.rule.JdbcRuleBook;
import org.loyalty.command.rule.JdbcRuleBudgets;
import org.loyalty.command.rule.RuleCommandHandler;
import org.loyalty.query.rule.RuleProjection;
import org.loyalty.query.rule.RuleReader;
import org.loyalty.rules.rule.RuleConditions;
import org.loyalty.rules.rule.RuleEngine;
import org.loyalty.rules.rule.RuleValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** Marketers' earning rules: CEL conditions, the rule aggregate, its read model. */
@Configuration(proxyBeanMethods = false)
public class RuleConfiguration {

    @Bean
    RuleConditions ruleConditions() {
        return new RuleConditions();
    }

    @Bean
    RuleValidator ruleValidator(RuleConditions conditions) {
        return new RuleValidator(conditions);
    }

    @Bean
    RuleEngine ruleEngine() {
        return new RuleEngine();
    }

    @Bean
    EventSourcingRepository<EarningRule> earningRuleRepository(EventStore eventStore) {
        return EventSourcingRepository.builder(EarningRule.class).eventStore(eventStore).build();
    }

    /** The live rule versions, for purchases, and their registry, for the rule commands: one table, both sides of it. */
    @Bean
    JdbcRuleBook ruleBook(JdbcTemplate jdbc, EventStore eventStore, RuleConditions conditions) {
        return new JdbcRuleBook(jdbc, eventStore, conditions);
    }

    @Bean
    JdbcRuleBudgets ruleBudgets(JdbcTemplate jdbc) {
        return new JdbcRuleBudgets(jdbc);
    }

    @Bean
    RuleCommandHandler ruleCommandHandler(EventSourcingRepository<EarningRule> rules, RuleValidator validator, JdbcRuleBook ruleBook,
                                          Clock clock) {
        return new RuleCommandHandler(rules, validator, ruleBook, clock);
    }

    @Bean
    RuleProjection ruleProjection(JdbcTemplate jdbc) {
        return new RuleProjection(jdbc);
    }

    @Bean
    RuleReader ruleReader(DatabaseClient db) {
        return new RuleReader(db);
    }
}
