package org.loyalty.command.interaction;

import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.RuleViolationException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.interaction.AppVisited;
import org.loyalty.api.interaction.ComplaintRaised;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.interaction.InteractionReceipt;
import org.loyalty.api.interaction.InteractionType;
import org.loyalty.api.interaction.RecordInteraction;
import org.loyalty.api.interaction.ReviewPosted;
import org.loyalty.api.interaction.SupportRequestOpened;
import org.loyalty.api.interaction.SupportRequestResolved;
import org.loyalty.api.interaction.SurveyAnswered;
import org.loyalty.api.interaction.SurveyKind;
import org.loyalty.api.interaction.TicketKind;
import org.loyalty.command.MutableClock;
import org.loyalty.rules.interaction.InteractionValidator;

/**
 * Interactions on the member's own stream: each type gives its event; a ticket (support request or
 * complaint) is resolved once, later than it was opened, by the member who opened it; an interaction
 * id answers one content only; the member must exist.
 */
class InteractionFixtureTest {

    private static final String MEMBER = "m-1";
    private static final Instant OPENED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant RESOLVED = Instant.parse("2026-03-01T11:30:00Z");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryInteractionClaims claims = new InMemoryInteractionClaims();
    private final Set<String> members = Set.of(MEMBER, "m-2");
    private AggregateTestFixture<MemberInteractions> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(MemberInteractions.class);
        fixture.registerAnnotatedCommandHandler(new InteractionCommandHandler(fixture.getRepository(), members::contains, claims,
                new InteractionValidator(clock, Duration.ofMinutes(5)), clock));
    }

    // ---- commands ----

    private static RecordInteraction interaction(String id, String channel, String type, Instant at, RecordInteraction.Support support,
                                                 RecordInteraction.Resolution resolution, RecordInteraction.Complaint complaint,
                                                 RecordInteraction.Survey survey, RecordInteraction.AppVisit visit,
                                                 RecordInteraction.Review review) {
        return new RecordInteraction(MEMBER, id, channel, type, at, support, resolution, complaint, survey, visit, review);
    }

    private static RecordInteraction opened(String id) {
        return interaction(id, "PHONE", "SUPPORT_REQUEST_OPENED", OPENED, new RecordInteraction.Support("missing points", "no points for t-1"),
                null, null, null, null, null);
    }

    private static RecordInteraction resolution(String id, String ticketId, Instant at) {
        return interaction(id, "CHAT", "SUPPORT_REQUEST_RESOLVED", at, null,
                new RecordInteraction.Resolution(ticketId, "points credited", false), null, null, null, null);
    }

    private static RecordInteraction complaint(String id) {
        return interaction(id, "EMAIL", "COMPLAINT", OPENED, null, null, new RecordInteraction.Complaint("SERVICE", "rude barista"),
                null, null, null);
    }

    private static RecordInteraction survey(String id, String kind, int score) {
        return interaction(id, "SMS", "SURVEY_ANSWER", OPENED, null, null, null, new RecordInteraction.Survey(kind, score, "q1", null),
                null, null);
    }

    private static RecordInteraction review(String id, int rating) {
        return interaction(id, "SOCIAL", "REVIEW", OPENED, null, null, null, null, null, new RecordInteraction.Review(rating, "great"));
    }

    private static RecordInteraction appVisit(String id) {
        return interaction(id, "APP", "APP_VISIT", OPENED, null, null, null, null, new RecordInteraction.AppVisit("home", 95), null);
    }

    // ---- expected ----

    private static SupportRequestOpened requestOpened(String id) {
        return new SupportRequestOpened(MEMBER, id, InteractionChannel.PHONE, OPENED, "missing points", "no points for t-1", NOW);
    }

    private static InteractionReceipt receipt(String id, InteractionType type, InteractionChannel channel, Instant at, String ticketId) {
        return new InteractionReceipt(MEMBER, id, type, channel, at, ticketId, false);
    }

    // ---- each type ----

    @Test
    void aMembersFirstInteractionStartsTheirStreamAndOpensATicket() {
        fixture.givenNoPriorActivity()
                .when(opened("i-1"))
                .expectEvents(requestOpened("i-1"))
                .expectResultMessagePayload(receipt("i-1", InteractionType.SUPPORT_REQUEST_OPENED, InteractionChannel.PHONE, OPENED, "i-1"));
    }

    @Test
    void aStreamIsNamedAfterItsMemberWithACharacterNoMemberIdHas() {
        fixture.givenNoPriorActivity()
                .when(opened("i-1"))
                .expectState(stream -> org.assertj.core.api.Assertions.assertThat(stream.receiptFor("i-1").memberId()).isEqualTo(MEMBER));
        org.assertj.core.api.Assertions.assertThat(MemberInteractions.streamOf(MEMBER)).isEqualTo("interactions/m-1");
    }

    @Test
    void resolvingASupportRequestRecordsHowAndWhetherAtFirstContact() {
        fixture.givenCommands(opened("i-1"))
                .when(resolution("i-2", "i-1", RESOLVED))
                .expectEvents(new SupportRequestResolved(MEMBER, "i-2", InteractionChannel.CHAT, RESOLVED, "i-1",
                        TicketKind.SUPPORT_REQUEST, "points credited", false, NOW))
                .expectResultMessagePayload(receipt("i-2", InteractionType.SUPPORT_REQUEST_RESOLVED, InteractionChannel.CHAT, RESOLVED, "i-1"));
    }

    @Test
    void aComplaintIsATicketThatResolvingCloses() {
        fixture.givenCommands(complaint("c-1"))
                .when(resolution("i-2", "c-1", RESOLVED))
                .expectEvents(new SupportRequestResolved(MEMBER, "i-2", InteractionChannel.CHAT, RESOLVED, "c-1",
                        TicketKind.COMPLAINT, "points credited", false, NOW));
    }

    @Test
    void aComplaintIsRaisedWithItsCategory() {
        fixture.givenCommands(opened("i-1"))
                .when(complaint("c-1"))
                .expectEvents(new ComplaintRaised(MEMBER, "c-1", InteractionChannel.EMAIL, OPENED, "SERVICE", "rude barista", NOW))
                .expectResultMessagePayload(receipt("c-1", InteractionType.COMPLAINT, InteractionChannel.EMAIL, OPENED, "c-1"));
    }

    @Test
    void eachSurveyKindIsRecordedWithItsScore() {
        fixture.givenCommands(survey("s-1", "NPS", 0), survey("s-2", "CSAT", 5))
                .when(survey("s-3", "CES", 7))
                .expectEvents(new SurveyAnswered(MEMBER, "s-3", InteractionChannel.SMS, OPENED, SurveyKind.CES, 7, "q1", null, NOW))
                .expectResultMessagePayload(receipt("s-3", InteractionType.SURVEY_ANSWER, InteractionChannel.SMS, OPENED, null));
    }

    @Test
    void anAppVisitAndAReviewAreRecorded() {
        fixture.givenCommands(appVisit("a-1"))
                .when(review("r-1", 4))
                .expectEvents(new ReviewPosted(MEMBER, "r-1", InteractionChannel.SOCIAL, OPENED, 4, "great", NOW));
        fixture.givenNoPriorActivity()
                .when(appVisit("a-1"))
                .expectEvents(new AppVisited(MEMBER, "a-1", InteractionChannel.APP, OPENED, "home", 95, NOW));
    }

    @Test
    void anAppVisitMayComeWithoutDetail() {
        fixture.givenNoPriorActivity()
                .when(interaction("a-1", "APP", "APP_VISIT", OPENED, null, null, null, null, null, null))
                .expectEvents(new AppVisited(MEMBER, "a-1", InteractionChannel.APP, OPENED, null, null, NOW));
    }

    // ---- tickets ----

    @Test
    void resolvingATicketThatWasNeverOpenedIsRefused() {
        fixture.givenCommands(opened("i-1"))
                .when(resolution("i-2", "i-9", RESOLVED))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("resolution.ticketId")))
                .expectExceptionMessage("no support request or complaint i-9 for this member");
    }

    @Test
    void resolvingAsTheMembersFirstInteractionIsRefusedAndStartsNoStream() {
        fixture.givenNoPriorActivity()
                .when(resolution("i-2", "i-1", RESOLVED))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
    }

    @Test
    void onlyASupportRequestOrAComplaintIsATicket() {
        fixture.givenCommands(survey("s-1", "NPS", 3))
                .when(resolution("i-2", "s-1", RESOLVED))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("interaction s-1 is a SURVEY_ANSWER, not a support request or complaint");
    }

    @Test
    void aTicketIsResolvedOnlyOnce() {
        fixture.givenCommands(opened("i-1"), resolution("i-2", "i-1", RESOLVED))
                .when(resolution("i-3", "i-1", RESOLVED.plusSeconds(60)))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ConflictException c && c.field().equals("resolution.ticketId")))
                .expectExceptionMessage("ticket i-1 was resolved already, by interaction i-2");
    }

    @Test
    void aTicketCannotBeResolvedBeforeItWasOpened() {
        fixture.givenCommands(opened("i-1"))
                .when(resolution("i-2", "i-1", OPENED.minusSeconds(1)))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof RuleViolationException r && r.field().equals("occurredAt")));
    }

    // ---- retries ----

    @Test
    void aRetriedInteractionGetsTheFirstReceiptAndRecordsNothing() {
        fixture.givenCommands(opened("i-1"))
                .when(opened("i-1"))
                .expectNoEvents()
                .expectResultMessagePayload(receipt("i-1", InteractionType.SUPPORT_REQUEST_OPENED, InteractionChannel.PHONE, OPENED, "i-1")
                        .asReplay());
    }

    @Test
    void aRetriedResolutionIsAnsweredAgainNotRefusedAsASecondResolution() {
        fixture.givenCommands(opened("i-1"), resolution("i-2", "i-1", RESOLVED))
                .when(resolution("i-2", "i-1", RESOLVED))
                .expectNoEvents()
                .expectResultMessagePayload(receipt("i-2", InteractionType.SUPPORT_REQUEST_RESOLVED, InteractionChannel.CHAT, RESOLVED, "i-1")
                        .asReplay());
    }

    @Test
    void aRetryDaysLaterIsStillTheSameInteraction() {
        var given = fixture.givenCommands(survey("s-1", "NPS", 9));
        clock.advance(Duration.ofDays(3));
        given.when(survey("s-1", "NPS", 9))
                .expectNoEvents()
                .expectResultMessagePayload(receipt("s-1", InteractionType.SURVEY_ANSWER, InteractionChannel.SMS, OPENED, null).asReplay());
    }

    @Test
    void theSameIdWithOtherContentIsAConflict() {
        fixture.givenCommands(survey("s-1", "NPS", 9))
                .when(survey("s-1", "NPS", 3))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof ConflictException c && c.field().equals("interactionId")));
    }

    @Test
    void theSameIdForAnotherTypeIsAConflict() {
        fixture.givenCommands(survey("s-1", "NPS", 9))
                .when(review("s-1", 5))
                .expectNoEvents()
                .expectException(ConflictException.class);
    }

    @Test
    void anIdRecordedForAnotherMemberIsAConflict() {
        claims.claim("i-1", "m-2");
        fixture.givenNoPriorActivity()
                .when(opened("i-1"))
                .expectNoEvents()
                .expectException(ConflictException.class)
                .expectExceptionMessage("interaction i-1 was recorded for another member");
    }

    // ---- refusals ----

    @Test
    void anUnknownMemberHasNoInteractions() {
        RecordInteraction stranger = new RecordInteraction("m-404", "i-1", "PHONE", "SUPPORT_REQUEST_OPENED", OPENED,
                new RecordInteraction.Support("who am I", null), null, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(stranger)
                .expectNoEvents()
                .expectException(UnknownMemberException.class);
    }

    @Test
    void anInvalidInteractionIsRefusedNamingEveryFieldAndRecordsNothing() {
        fixture.givenCommands(opened("i-1"))
                .when(interaction("s-1", "FAX", "SURVEY_ANSWER", NOW.plus(Duration.ofHours(1)), null, null, null,
                        new RecordInteraction.Survey("NPS", 11, null, null), null, null))
                .expectNoEvents()
                .expectException(predicate(e -> e instanceof InvalidRequestException invalid
                        && invalid.violations().stream().map(v -> v.field()).toList().equals(java.util.List.of("channel", "occurredAt", "survey.score"))));
    }
}
