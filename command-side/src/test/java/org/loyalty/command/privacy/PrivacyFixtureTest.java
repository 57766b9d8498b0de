package org.loyalty.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.privacy.ChangeConsents;
import org.loyalty.api.privacy.ConsentChanged;
import org.loyalty.api.privacy.ConsentPurpose;
import org.loyalty.api.privacy.Consents;
import org.loyalty.api.privacy.ErasePersonalData;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.command.AccountFixtureTestBase;

/** Consents as events on the account, and erasure: one event, the key destroyed, the email released, the points untouched. */
class PrivacyFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-06-15T10:00:00Z";

    private static ChangeConsents consents(Map<ConsentPurpose, Boolean> changes) {
        return new ChangeConsents(MEMBER, changes, "app");
    }

    @Test
    void onlyTheConsentsThatChangeAreRecorded() {
        // The enrollment withheld marketing consent: withdrawing SMS changes nothing, giving email and analytics does.
        var story = given().at(ENROLLED).commands(enrollment()).at("2025-06-16T09:00:00Z");

        story.when(consents(Map.of(ConsentPurpose.MARKETING_EMAIL, true, ConsentPurpose.MARKETING_SMS, false,
                        ConsentPurpose.ANALYTICS, true)))
                .expectEvents(
                        new ConsentChanged(MEMBER, ConsentPurpose.MARKETING_EMAIL, true, "app", now()),
                        new ConsentChanged(MEMBER, ConsentPurpose.ANALYTICS, true, "app", now()))
                .expectResultMessagePayload(new Consents(MEMBER, Map.of(ConsentPurpose.MARKETING_EMAIL, true,
                        ConsentPurpose.MARKETING_SMS, false, ConsentPurpose.MARKETING_PUSH, false, ConsentPurpose.ANALYTICS, true), now()));
    }

    @Test
    void theSameConsentsAgainRecordNothing() {
        var story = given().at(ENROLLED).commands(enrollment(), consents(Map.of(ConsentPurpose.ANALYTICS, true)));

        story.when(consents(Map.of(ConsentPurpose.ANALYTICS, true))).expectNoEvents();
    }

    @Test
    void aConsentRequestNamingNothingIsRefused() {
        given().at(ENROLLED).commands(enrollment()).when(consents(Map.of())).expectException(InvalidRequestException.class);
    }

    @Test
    void erasureRecordsOneEventDestroysTheKeyAndReleasesTheEmail() {
        var story = given().at(ENROLLED).commands(enrollment(), spend("t-1", "42.00")).at("2025-07-01T12:00:00Z");

        story.when(new ErasePersonalData(MEMBER))
                .expectEvents(new PersonalDataErased(MEMBER, now()))
                .expectResultMessagePayload(true);
        assertThat(shreddedKeys).containsEntry(MEMBER, now());
        assertThat(emailClaims.ownerOf("ann@example.com")).isEmpty();
        assertThat(last(org.loyalty.api.purchase.PointsEarned.class).balanceAfter()).isEqualTo(42);
    }

    @Test
    void erasingAgainRecordsNothingAndSucceeds() {
        var story = given().at(ENROLLED).commands(enrollment(), new ErasePersonalData(MEMBER)).at("2025-07-01T12:00:00Z");

        story.when(new ErasePersonalData(MEMBER)).expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void anErasedMemberGetsNoBirthdayRewardAnyMore() {
        var story = given().at(ENROLLED).commands(enrollment(LocalDate.of(1990, 7, 4)), new ErasePersonalData(MEMBER))
                .at("2025-07-04T00:00:00Z");

        story.when(dueWork()).expectNoEvents();
        assertThat(schedule.dueAt(MEMBER)).isEmpty();
    }

    @Test
    void erasingAnUnknownMemberIsRefused() {
        fixture.givenNoPriorActivity().when(new ErasePersonalData("nobody")).expectException(UnknownMemberException.class);
    }
}
