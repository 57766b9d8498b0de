package org.loyalty.infra.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.loyalty.api.account.LedgerEntry;
import org.loyalty.api.account.LedgerPage;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.interaction.TimelineEntry;
import org.loyalty.api.interaction.TimelinePage;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.privacy.ConsentChanged;
import org.loyalty.api.privacy.ConsentPurpose;
import org.loyalty.api.privacy.MemberDataExport;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.campaign.CampaignReader;
import org.loyalty.query.insight.InsightReader;
import org.loyalty.query.interaction.TimelineReader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gathers everything about one member. The profile and the consents come from the member's own event
 * stream (decrypted on the way out, so they are null once the member is erased: the read models keep
 * no profile); the rest from the read models the API serves anyway, every page of them.
 */
final class MemberDataExporter {

    private static final int PAGE = 100;

    private final EventStore events;
    private final AccountReader accounts;
    private final TimelineReader timeline;
    private final CampaignReader campaigns;
    private final InsightReader insights;
    private final int horizonDays;
    private final Clock clock;

    MemberDataExporter(EventStore events, AccountReader accounts, TimelineReader timeline, CampaignReader campaigns,
                       InsightReader insights, int horizonDays, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.timeline = timeline;
        this.campaigns = campaigns;
        this.insights = insights;
        this.horizonDays = horizonDays;
        this.clock = clock;
    }

    Mono<MemberDataExport> export(String memberId) {
        return Mono.fromCallable(() -> facts(memberId)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(facts -> Mono.zip(
                                accounts.balance(memberId).map(Optional::of).defaultIfEmpty(Optional.empty()),
                                ledger(memberId),
                                accounts.rewards(memberId),
                                campaigns.offers(memberId),
                                timeline(memberId),
                                // No model fitted yet (or none that covers the member): no figures, not an error.
                                insights.member(memberId, null, horizonDays).map(Optional::of).defaultIfEmpty(Optional.empty())
                                        .onErrorResume(e -> Mono.just(Optional.empty())))
                        .map(t -> new MemberDataExport(memberId, clock.instant(), facts.erasedAt, facts.profile, facts.consents(),
                                facts.history, t.getT1().orElse(null), t.getT2(), t.getT3(), t.getT4(), t.getT5(),
                                t.getT6().orElse(null))));
    }

    private Mono<List<LedgerEntry>> ledger(String memberId) {
        return accounts.ledger(memberId, null, PAGE)
                .expand(page -> page.nextCursor() == null ? Mono.<LedgerPage>empty() : accounts.ledger(memberId, page.nextCursor(), PAGE))
                .flatMapIterable(LedgerPage::entries)
                .collectList();
    }

    private Mono<List<TimelineEntry>> timeline(String memberId) {
        return timeline.page(memberId, null, PAGE)
                .expand(page -> page.nextCursor() == null ? Mono.<TimelinePage>empty() : timeline.page(memberId, page.nextCursor(), PAGE))
                .flatMapIterable(TimelinePage::entries)
                .collectList();
    }

    /** What the member's account stream says of them; unknown member when it is no member's account. */
    private Facts facts(String memberId) {
        DomainEventStream stream = events.readEvents(memberId);
        Facts facts = new Facts();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object event = message.getPayload();
            if (event instanceof MemberEnrolled enrolled) {
                facts.profile = new MemberDataExport.Profile(enrolled.name(), enrolled.email(), enrolled.phone(), enrolled.birthday(),
                        enrolled.marketingConsent(), enrolled.enrolledAt(), enrolled.referredBy());
                for (ConsentPurpose purpose : ConsentPurpose.values()) {
                    facts.consents.put(purpose, purpose.marketing() && enrolled.marketingConsent());
                }
            } else if (facts.profile == null) {
                break;
            } else if (event instanceof ConsentChanged changed) {
                facts.consents.put(changed.purpose(), changed.granted());
                facts.history.add(new MemberDataExport.ConsentRecord(changed.purpose().field(), changed.granted(), changed.source(),
                        changed.changedAt()));
            } else if (event instanceof PersonalDataErased erased) {
                facts.erasedAt = erased.erasedAt();
            }
        }
        if (facts.profile == null) {
            throw new UnknownMemberException(memberId);
        }
        return facts;
    }

    private static final class Facts {
        MemberDataExport.Profile profile;
        final Map<ConsentPurpose, Boolean> consents = new EnumMap<>(ConsentPurpose.class);
        final List<MemberDataExport.ConsentRecord> history = new ArrayList<>();
        Instant erasedAt;

        Map<String, Boolean> consents() {
            Map<String, Boolean> named = new LinkedHashMap<>();
            consents.forEach((purpose, granted) -> named.put(purpose.field(), granted));
            return named;
        }
    }
}
