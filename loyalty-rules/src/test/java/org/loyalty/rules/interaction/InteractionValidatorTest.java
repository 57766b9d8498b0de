package org.loyalty.rules.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.Violation;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.interaction.RecordInteraction;
import org.loyalty.api.interaction.RecordInteraction.AppVisit;
import org.loyalty.api.interaction.RecordInteraction.Complaint;
import org.loyalty.api.interaction.RecordInteraction.Resolution;
import org.loyalty.api.interaction.RecordInteraction.Review;
import org.loyalty.api.interaction.RecordInteraction.Support;
import org.loyalty.api.interaction.RecordInteraction.Survey;
import org.loyalty.api.interaction.SurveyKind;

class InteractionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String BEFORE = "2026-03-01T11:00:00Z";

    private final InteractionValidator validator = new InteractionValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private static RecordInteraction of(String channel, String type, Support support, Resolution resolution, Complaint complaint,
                                        Survey survey, AppVisit appVisit, Review review) {
        return new RecordInteraction("m-1", "int-1", channel, type, Instant.parse(BEFORE), support, resolution, complaint, survey,
                appVisit, review);
    }

    private static RecordInteraction support(Support support) {
        return of("PHONE", "SUPPORT_REQUEST_OPENED", support, null, null, null, null, null);
    }

    private static RecordInteraction resolution(Resolution resolution) {
        return of("CHAT", "SUPPORT_REQUEST_RESOLVED", null, resolution, null, null, null, null);
    }

    private static RecordInteraction complaint(Complaint complaint) {
        return of("EMAIL", "COMPLAINT", null, null, complaint, null, null, null);
    }

    private static RecordInteraction survey(String kind, Integer score) {
        return of("SMS", "SURVEY_ANSWER", null, null, null, new Survey(kind, score, "survey-2026-q1", "fine"), null, null);
    }

    private static RecordInteraction appVisit(String channel, AppVisit visit) {
        return of(channel, "APP_VISIT", null, null, null, null, visit, null);
    }

    private static RecordInteraction review(Integer rating, String text) {
        return of("SOCIAL", "REVIEW", null, null, null, null, null, new Review(rating, text));
    }

    @Test
    void aWellFormedInteractionOfEveryTypeHasNoViolations() {
        assertThat(validator.violations(support(new Support("missing points", "my purchase earned nothing")))).isEmpty();
        assertThat(validator.violations(support(new Support("missing points", null)))).isEmpty();
        assertThat(validator.violations(resolution(new Resolution("int-0", "points credited", true)))).isEmpty();
        assertThat(validator.violations(complaint(new Complaint("SERVICE", "rude barista")))).isEmpty();
        assertThat(validator.violations(survey("NPS", 9))).isEmpty();
        assertThat(validator.violations(appVisit("APP", new AppVisit("home", 42)))).isEmpty();
        assertThat(validator.violations(appVisit("APP", null))).isEmpty();
        assertThat(validator.violations(review(4, null))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource({"NPS, 0", "NPS, 10", "CSAT, 1", "CSAT, 5", "CES, 1", "CES, 7"})
    void everyScoreOnTheEdgeOfItsScaleIsAccepted(String kind, int score) {
        assertThat(validator.violations(survey(kind, score))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource({
            "NPS, -1, NPS must be 0 to 10",
            "NPS, 11, NPS must be 0 to 10",
            "CSAT, 0, CSAT must be 1 to 5",
            "CSAT, 6, CSAT must be 1 to 5",
            "CES, 0, CES must be 1 to 7",
            "CES, 8, CES must be 1 to 7",
            "NPS, 2147483647, NPS must be 0 to 10",
            "CES, -2147483648, CES must be 1 to 7"})
    void aScoreOffItsScaleIsRefusedNamingTheScale(String kind, int score, String message) {
        assertThat(validator.violations(survey(kind, score))).containsExactly(new Violation("survey.score", message));
    }

    @Test
    void theScalesAreThoseOfTheStandardSurveys() {
        assertThat(List.of(SurveyKind.values())).extracting(k -> InteractionValidator.minScore(k) + "-" + InteractionValidator.maxScore(k))
                .containsExactly("0-10", "1-5", "1-7");
    }

    @Test
    void aSurveyNeedsAKnownKindAndAScore() {
        assertThat(validator.violations(survey("STARS", 3))).containsExactly(
                new Violation("survey.kind", "must be one of [NPS, CSAT, CES]"));
        assertThat(validator.violations(survey("nps", 3))).containsExactly(
                new Violation("survey.kind", "must be one of [NPS, CSAT, CES]"));
        assertThat(validator.violations(survey(null, null))).containsExactly(
                new Violation("survey.kind", "is required"),
                new Violation("survey.score", "is required"));
    }

    @Test
    void aSurveyIdMustBeAnIdAndACommentAtMostTwoThousandCharacters() {
        RecordInteraction answer = of("SMS", "SURVEY_ANSWER", null, null, null, new Survey("CSAT", 4, "q 1", "c".repeat(2001)), null, null);
        assertThat(validator.violations(answer)).containsExactly(
                new Violation("survey.surveyId", "may contain only letters, digits and . _ : -"),
                new Violation("survey.comment", "must be at most 2000 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"FAX", "phone", "Phone", "TELEGRAM", "IN STORE", "in-store"})
    void anUnknownChannelIsRefusedNamingTheChannels(String channel) {
        assertThat(validator.violations(of(channel, "REVIEW", null, null, null, null, null, new Review(5, null)))).containsExactly(
                new Violation("channel", "must be one of [IN_STORE, PHONE, EMAIL, SMS, CHAT, SOCIAL, FORUM, APP]"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(InteractionChannel.class)
    void everyKnownChannelIsAccepted(InteractionChannel channel) {
        assertThat(validator.violations(of(channel.name(), "REVIEW", null, null, null, null, null, new Review(5, null)))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"PURCHASE", "survey_answer", "CHAT_MESSAGE"})
    void anUnknownTypeIsRefusedNamingTheTypes(String type) {
        assertThat(validator.violations(of("CHAT", type, null, null, null, null, null, null))).containsExactly(
                new Violation("type", "must be one of [SUPPORT_REQUEST_OPENED, SUPPORT_REQUEST_RESOLVED, COMPLAINT, SURVEY_ANSWER,"
                        + " APP_VISIT, REVIEW]"));
    }

    @Test
    void idsChannelTypeAndTimeAreRequired() {
        RecordInteraction nothing = new RecordInteraction(" ", "int 1", null, "", null, null, null, null, null, null, null);
        assertThat(validator.violations(nothing)).containsExactly(
                new Violation("memberId", "must not be blank"),
                new Violation("interactionId", "may contain only letters, digits and . _ : -"),
                new Violation("channel", "is required"),
                new Violation("type", "is required"),
                new Violation("occurredAt", "is required"));
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        RecordInteraction bad = new RecordInteraction("m-1", "int-1", "FAX", "SURVEY_ANSWER", NOW.plus(Duration.ofHours(1)),
                null, null, null, new Survey("NPS", 11, null, null), null, null);
        assertThat(validator.violations(bad)).extracting(Violation::field).containsExactly("channel", "occurredAt", "survey.score");
    }

    @Test
    void aContactUpToFiveMinutesAheadIsClockSkewAndLaterIsInTheFuture() {
        RecordInteraction skewed = new RecordInteraction("m-1", "int-1", "APP", "APP_VISIT", NOW.plus(Duration.ofMinutes(5)),
                null, null, null, null, null, null);
        assertThat(validator.violations(skewed)).isEmpty();
        RecordInteraction ahead = new RecordInteraction("m-1", "int-1", "APP", "APP_VISIT", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1),
                null, null, null, null, null, null);
        assertThat(validator.violations(ahead)).containsExactly(new Violation("occurredAt", "must not be in the future"));
    }

    @Test
    void eachTypeNeedsItsOwnDetail() {
        assertThat(validator.violations(support(null))).containsExactly(new Violation("support", "is required"));
        assertThat(validator.violations(resolution(null))).containsExactly(new Violation("resolution", "is required"));
        assertThat(validator.violations(complaint(null))).containsExactly(new Violation("complaint", "is required"));
        assertThat(validator.violations(of("SMS", "SURVEY_ANSWER", null, null, null, null, null, null)))
                .containsExactly(new Violation("survey", "is required"));
        assertThat(validator.violations(of("SOCIAL", "REVIEW", null, null, null, null, null, null)))
                .containsExactly(new Violation("review", "is required"));
    }

    @Test
    void theDetailOfAnotherTypeIsRefused() {
        RecordInteraction mixed = of("APP", "REVIEW", new Support("help", null), null, null, new Survey("NPS", 3, null, null), null,
                new Review(3, null));
        assertThat(validator.violations(mixed)).containsExactly(
                new Violation("support", "must not be given for type REVIEW (its detail is review)"),
                new Violation("survey", "must not be given for type REVIEW (its detail is review)"));
    }

    @Test
    void aSupportRequestNeedsATopicOfAtMostTwoHundredCharacters() {
        assertThat(validator.violations(support(new Support(" ", null)))).containsExactly(new Violation("support.topic", "must not be blank"));
        assertThat(validator.violations(support(new Support("t".repeat(200), "d".repeat(2000))))).isEmpty();
        assertThat(validator.violations(support(new Support("t".repeat(201), "d".repeat(2001))))).containsExactly(
                new Violation("support.topic", "must be at most 200 characters"),
                new Violation("support.description", "must be at most 2000 characters"));
    }

    @Test
    void aResolutionNamesAnotherInteractionAndSaysHowAndWhetherAtFirstContact() {
        assertThat(validator.violations(resolution(new Resolution(null, "", null)))).containsExactly(
                new Violation("resolution.ticketId", "must not be blank"),
                new Violation("resolution.resolution", "must not be blank"),
                new Violation("resolution.solvedAtFirstContact", "is required"));
        assertThat(validator.violations(resolution(new Resolution("int-1", "done", false)))).containsExactly(
                new Violation("resolution.ticketId", "must name the interaction that opened the ticket, not this one"));
        assertThat(validator.violations(resolution(new Resolution("int-0", "r".repeat(2001), false)))).containsExactly(
                new Violation("resolution.resolution", "must be at most 2000 characters"));
    }

    @Test
    void aComplaintNeedsACategory() {
        assertThat(validator.violations(complaint(new Complaint(null, "cold coffee")))).containsExactly(
                new Violation("complaint.category", "must not be blank"));
        assertThat(validator.violations(complaint(new Complaint("c".repeat(65), "x".repeat(2001))))).containsExactly(
                new Violation("complaint.category", "must be at most 64 characters"),
                new Violation("complaint.description", "must be at most 2000 characters"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(value = InteractionChannel.class, names = "APP", mode = EnumSource.Mode.EXCLUDE)
    void anAppVisitHappensInTheAppOnly(InteractionChannel channel) {
        assertThat(validator.violations(appVisit(channel.name(), null))).containsExactly(
                new Violation("channel", "must be APP for an app visit"));
    }

    @Test
    void anAppVisitLastsAtMostADay() {
        assertThat(validator.violations(appVisit("APP", new AppVisit("s".repeat(101), -1)))).containsExactly(
                new Violation("appVisit.screen", "must be at most 100 characters"),
                new Violation("appVisit.durationSeconds", "must be between 0 and 86400"));
        assertThat(validator.violations(appVisit("APP", new AppVisit(null, 86_401)))).containsExactly(
                new Violation("appVisit.durationSeconds", "must be between 0 and 86400"));
        assertThat(validator.violations(appVisit("APP", new AppVisit(null, 86_400)))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} stars")
    @ValueSource(ints = {0, 6, -1, 10})
    void aRatingOffOneToFiveStarsIsRefused(int rating) {
        assertThat(validator.violations(review(rating, "ok"))).containsExactly(new Violation("review.rating", "must be 1 to 5 stars"));
    }

    @Test
    void aReviewNeedsARatingAndAtMostTwoThousandCharactersOfText() {
        assertThat(validator.violations(review(null, null))).containsExactly(new Violation("review.rating", "is required"));
        assertThat(validator.violations(review(1, "t".repeat(2000)))).isEmpty();
        assertThat(validator.violations(review(5, "t".repeat(2001)))).containsExactly(
                new Violation("review.text", "must be at most 2000 characters"));
    }
}
