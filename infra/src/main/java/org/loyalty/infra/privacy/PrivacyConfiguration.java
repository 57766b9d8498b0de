package org.loyalty.infra.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
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

    /**
     * The master key: configured, or kept in a key file. With an external database every node must use the
     * same one, so there it has to be configured: a key file generated per node would lock the other nodes out.
     */
    @Bean
    MasterKey privacyMasterKey(PrivacyProperties privacy, DatabaseProperties database) {
        if (privacy.masterKey() != null && !privacy.masterKey().isBlank()) {
            return MasterKey.fromBase64(privacy.masterKey());
        }
        if (privacy.masterKeyFile() != null && !privacy.masterKeyFile().toString().isBlank()) {
            return MasterKey.fromFile(privacy.masterKeyFile());
        }
        if (database.isExternal()) {
            throw new IllegalStateException("With an external database (loyalty.db.url), set loyalty.privacy.master-key"
                    + " (LOYALTY_PRIVACY_MASTER_KEY: base64 of 32 random bytes, e.g. `openssl rand -base64 32`), the same on every node,"
                    + " or loyalty.privacy.master-key-file");
        }
        return MasterKey.fromFile(defaultMasterKeyFile(database));
    }

    /** {@code security/master.key} next to the embedded database's data directory ({@code data/security/master.key} by default). */
    public static Path defaultMasterKeyFile(DatabaseProperties database) {
        return database.embedded().dataDirectory().toAbsolutePath().getParent().resolve("security").resolve("master.key");
    }

    @Bean
    JdbcDataKeys dataKeys(JdbcTemplate jdbc, MasterKey privacyMasterKey, PrivacyProperties privacy) {
        return new JdbcDataKeys(jdbc, privacyMasterKey, privacy.keyCacheTtl(), privacy.keyCacheSize());
    }

    @Bean
    @Qualifier("eventSerializer")
    PersonalDataSerializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper, RevisionResolver revisionResolver,
                               JdbcDataKeys dataKeys) {
        JacksonSerializer jackson = JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(getClass().getClassLoader()))
                .objectMapper(objectMapper)
                .build();
        return new PersonalDataSerializer(jackson, dataKeys);
    }

    /** Loads the data keys for each batch of events a processor fetches, in one query (see {@link DataKeyPrefetch}). */
    @Bean
    DataKeyPrefetch dataKeyPrefetch(JdbcDataKeys dataKeys, @Qualifier("eventSerializer") PersonalDataSerializer eventSerializer) {
        return new DataKeyPrefetch(dataKeys, eventSerializer);
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
