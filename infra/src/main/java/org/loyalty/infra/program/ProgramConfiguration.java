package org.loyalty.infra.program;

import java.time.Clock;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.account.MemberAccount;
import org.loyalty.command.adjustment.AdjustmentCommandHandler;
import org.loyalty.command.adjustment.JdbcStaffAdjustmentAllowance;
import org.loyalty.command.enrollment.EnrollmentCommandHandler;
import org.loyalty.command.enrollment.JdbcEmailClaims;
import org.loyalty.command.purchase.JdbcTransactionClaims;
import org.loyalty.command.purchase.PurchaseCommandHandler;
import org.loyalty.command.account.JdbcMemberSegments;
import org.loyalty.command.rule.JdbcRuleBook;
import org.loyalty.command.rule.JdbcRuleBudgets;
import org.loyalty.command.redemption.RedemptionCommandHandler;
import org.loyalty.command.returns.ReturnCommandHandler;
import org.loyalty.command.schedule.DueWorkCommandHandler;
import org.loyalty.command.schedule.DueWorkSchedule;
import org.loyalty.command.schedule.JdbcDueWorkSchedule;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.account.MemberAccountProjection;
import org.loyalty.query.account.TierLadder;
import org.loyalty.rules.adjustment.AdjustmentValidator;
import org.loyalty.rules.earning.TierEarning;
import org.loyalty.rules.member.EnrollmentValidator;
import org.loyalty.rules.program.LoyaltyProgram;
import org.loyalty.rules.purchase.PurchaseValidator;
import org.loyalty.rules.redemption.RedemptionValidator;
import org.loyalty.rules.returns.ReturnValidator;
import org.loyalty.rules.rule.RuleEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** The program's policies, command handlers and projections, wired from configuration. */
@Configuration(proxyBeanMethods = false)
public class ProgramConfiguration {

    /** Every policy reads time from this clock, so that tests can move it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LoyaltyProgram loyaltyProgram(ProgramProperties properties) {
        return properties.toProgram();
    }

    @Bean
    DueWorkSchedule dueWorkSchedule(JdbcTemplate jdbc) {
        return new JdbcDueWorkSchedule(jdbc);
    }

    @Bean
    Accounts accounts(EventSourcingRepository<MemberAccount> repository, DueWorkSchedule schedule, LoyaltyProgram program, Clock clock) {
        return new Accounts(repository, schedule, program, clock);
    }

    @Bean
    EnrollmentCommandHandler enrollmentCommandHandler(Accounts accounts, JdbcTemplate jdbc, Clock clock) {
        return new EnrollmentCommandHandler(accounts, new JdbcEmailClaims(jdbc), new EnrollmentValidator(clock));
    }

    @Bean
    PurchaseValidator purchaseValidator(ProgramProperties properties, Clock clock) {
        return new PurchaseValidator(properties.currencies(), clock, properties.clockSkewTolerance());
    }

    @Bean
    PurchaseCommandHandler purchaseCommandHandler(Accounts accounts, JdbcTemplate jdbc, PurchaseValidator validator,
                                                  JdbcRuleBook ruleBook, RuleEngine ruleEngine, JdbcRuleBudgets ruleBudgets) {
        return new PurchaseCommandHandler(accounts, new JdbcTransactionClaims(jdbc, JdbcTransactionClaims.PURCHASES),
                validator, new TierEarning(), ruleBook, ruleEngine, ruleBudgets, new JdbcMemberSegments(jdbc));
    }

    @Bean
    ReturnCommandHandler returnCommandHandler(Accounts accounts, JdbcTemplate jdbc) {
        return new ReturnCommandHandler(accounts, new JdbcTransactionClaims(jdbc, JdbcTransactionClaims.PURCHASES),
                new JdbcTransactionClaims(jdbc, JdbcTransactionClaims.RETURNS), new ReturnValidator());
    }

    @Bean
    RedemptionCommandHandler redemptionCommandHandler(Accounts accounts) {
        return new RedemptionCommandHandler(accounts, new RedemptionValidator());
    }

    @Bean
    AdjustmentCommandHandler adjustmentCommandHandler(Accounts accounts, JdbcTemplate jdbc, LoyaltyProgram program) {
        return new AdjustmentCommandHandler(accounts, new AdjustmentValidator(program.maxPointsPerAdjustment()),
                new JdbcStaffAdjustmentAllowance(jdbc));
    }

    @Bean
    DueWorkCommandHandler dueWorkCommandHandler(Accounts accounts) {
        return new DueWorkCommandHandler(accounts);
    }

    @Bean
    MemberAccountProjection memberAccountProjection(JdbcTemplate jdbc) {
        return new MemberAccountProjection(jdbc);
    }

    @Bean
    AccountReader accountReader(DatabaseClient db, LoyaltyProgram program, Clock clock) {
        TierLadder ladder = new TierLadder(program.tiers().stream()
                .map(t -> new TierLadder.Step(t.code(), t.qualifyingPoints())).toList(), program.qualificationWindow(), program.zone());
        return new AccountReader(db, ladder, clock);
    }
}
