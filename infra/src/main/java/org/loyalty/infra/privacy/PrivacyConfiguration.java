package org.loyalty.infra.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.loyalty.command.account.Accounts;
import org.loyalty.command.enrollment.JdbcEmailClaims;
import org.loyalty.command.privacy.PrivacyCommandHandler;
import org.loyalty.infra.analytics.RetentionProperties;
import org.loyalty.infra.persistence.DatabaseProperties;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.campaign.CampaignReader;
import org.loyalty.query.insight.InsightReader;
import org.loyalty.query.interaction.TimelineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding: the event serializer that encrypts personal fields, the members' data keys, and
 * the consent and erasure commands. Declaring {@code eventSerializer} makes Axon's auto-configuration
 * leave out its own (the same Jackson serializer, without the encryption).
 */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    @Bean
    MasterKey privacyMasterKey(PrivacyProperties privacy, DatabaseProperties database) {
        if (privacy.masterKey() != null && !privacy.masterKey().isBlank()) {
            return MasterKey.fromBase64(privacy.masterKey());
        }
        Path file = privacy.masterKeyFile() != null ? privacy.masterKeyFile()
                : database.embedded().dataDirectory().toAbsolutePath().getParent().resolve("security").resolve("master.key");
        if (database.isExternal()) {
            log.warn("loyalty.privacy.master-key is not set: using the key file {}. Every node sharing the database needs the same"
                    + " key: set LOYALTY_PRIVACY_MASTER_KEY on each instead", file.toAbsolutePath());
        }
        return MasterKey.fromFile(file);
    }

    @Bean
    JdbcDataKeys dataKeys(JdbcTemplate jdbc, MasterKey privacyMasterKey, PrivacyProperties privacy) {
        return new JdbcDataKeys(jdbc, privacyMasterKey, privacy.keyCacheTtl(), privacy.keyCacheSize());
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper, RevisionResolver revisionResolver,
                               JdbcDataKeys dataKeys) {
        JacksonSerializer jackson = JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(getClass().getClassLoader()))
                .objectMapper(objectMapper)
                .build();
        return new PersonalDataSerializer(jackson, dataKeys);
    }

    @Bean
    MemberDataExporter memberDataExporter(EventStore eventStore, AccountReader accounts, TimelineReader timeline, CampaignReader campaigns,
                                          InsightReader insights, RetentionProperties retention, Clock clock) {
        return new MemberDataExporter(eventStore, accounts, timeline, campaigns, insights, retention.predictionDays(), clock);
    }

    @Bean
    PrivacyCommandHandler privacyCommandHandler(Accounts accounts, JdbcDataKeys dataKeys, JdbcTemplate jdbc) {
        return new PrivacyCommandHandler(accounts, dataKeys, new JdbcEmailClaims(jdbc));
    }
}
