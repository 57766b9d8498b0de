package org.loyalty.infra.program;

import java.time.Clock;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.loyalty.command.account.MemberAccount;
import org.loyalty.command.enrollment.EnrollmentCommandHandler;
import org.loyalty.command.enrollment.JdbcEmailClaims;
import org.loyalty.command.purchase.JdbcTransactionClaims;
import org.loyalty.command.purchase.PurchaseCommandHandler;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.account.MemberAccountProjection;
import org.loyalty.rules.earning.BaseRateEarning;
import org.loyalty.rules.member.EnrollmentValidator;
import org.loyalty.rules.purchase.PurchaseValidator;
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
    BaseRateEarning baseRateEarning(ProgramProperties program) {
        return new BaseRateEarning(program.pointsPerUnit());
    }

    @Bean
    PurchaseValidator purchaseValidator(ProgramProperties program, Clock clock) {
        return new PurchaseValidator(program.currencies(), clock, program.clockSkewTolerance());
    }

    @Bean
    EnrollmentValidator enrollmentValidator(Clock clock) {
        return new EnrollmentValidator(clock);
    }

    @Bean
    EnrollmentCommandHandler enrollmentCommandHandler(EventSourcingRepository<MemberAccount> accounts, JdbcTemplate jdbc,
                                                      EnrollmentValidator validator, Clock clock) {
        return new EnrollmentCommandHandler(accounts, new JdbcEmailClaims(jdbc), validator, clock);
    }

    @Bean
    PurchaseCommandHandler purchaseCommandHandler(EventSourcingRepository<MemberAccount> accounts, JdbcTemplate jdbc,
                                                  PurchaseValidator validator, BaseRateEarning earning, Clock clock) {
        return new PurchaseCommandHandler(accounts, new JdbcTransactionClaims(jdbc), validator, earning, clock);
    }

    @Bean
    MemberAccountProjection memberAccountProjection(JdbcTemplate jdbc) {
        return new MemberAccountProjection(jdbc);
    }

    @Bean
    AccountReader accountReader(DatabaseClient db) {
        return new AccountReader(db);
    }
}
