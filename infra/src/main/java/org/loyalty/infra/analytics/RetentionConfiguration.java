package org.loyalty.infra.analytics;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.loyalty.infra.program.ProgramProperties;
import org.loyalty.query.insight.InsightReader;
import org.loyalty.query.insight.InsightRefit;
import org.loyalty.query.insight.ProgramMetricsReader;
import org.loyalty.query.insight.PurchaseStatsProjection;
import org.loyalty.query.insight.PurchaseStatsTable;
import org.loyalty.query.insight.RetentionModelStore;
import org.loyalty.query.insight.ServiceSignalsTable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Retention analytics: the purchase-statistics projection, model fits and the readers of the views. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

    @Bean
    PurchaseStatsProjection purchaseStatsProjection(JdbcTemplate jdbc, ProgramProperties program) {
        return new PurchaseStatsProjection(jdbc, program.zone());
    }

    @Bean
    RetentionModelStore retentionModelStore(JdbcTemplate jdbc) {
        return new RetentionModelStore(jdbc);
    }

    @Bean
    InsightRefit insightRefit(DataSource dataSource, PlatformTransactionManager transactions, RetentionModelStore store,
                              RetentionProperties retention, ProgramProperties program, Clock clock) {
        // A template of its own: scoring a large population writes in big batches and must not time out.
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new InsightRefit(jdbc, new TransactionTemplate(transactions), new PurchaseStatsTable(jdbc), new ServiceSignalsTable(jdbc),
                store, new InsightRefit.Settings(retention.model(), retention.daysPerTimeUnit(), retention.predictionDays(),
                        retention.clv().horizonDays(), retention.clv().annualDiscountRate(), retention.segmentMap(),
                        retention.risk().toChurnRisk(), program.zone()), clock);
    }

    @Bean
    InsightReader insightReader(DatabaseClient db, RetentionModelStore store, RetentionProperties retention, ProgramProperties program,
                                Clock clock) {
        return new InsightReader(db, store, retention.risk().toChurnRisk(), retention.daysPerTimeUnit(), retention.clv().horizonDays(),
                retention.clv().annualDiscountRate(), retention.clv().currency(), program.zone(), clock);
    }

    @Bean
    InsightReader.VipPolicy vipPolicy(RetentionProperties retention) {
        RetentionProperties.Vip vip = retention.vip();
        return new InsightReader.VipPolicy(vip.topPercent(), List.copyOf(vip.tiers()), vip.minClv(), vip.limit());
    }

    @Bean
    ProgramMetricsReader programMetricsReader(DatabaseClient db, RetentionProperties retention, ProgramProperties program) {
        return new ProgramMetricsReader(db, retention.activityWindow(), program.zone());
    }
}
