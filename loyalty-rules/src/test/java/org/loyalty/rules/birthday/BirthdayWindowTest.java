package org.loyalty.rules.birthday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BirthdayWindowTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final LocalDate FOURTH_OF_JULY = LocalDate.of(1990, 7, 4);
    private static final LocalDate LEAP_DAY = LocalDate.of(2000, 2, 29);
    private static final LocalDate TWENTIETH_OF_DECEMBER = LocalDate.of(1985, 12, 20);

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    // ---- the window ----

    @Test
    void theWindowOpensAtTheStartOfTheBirthdayAndLastsTheTiersDays() {
        assertThat(BirthdayWindow.of(FOURTH_OF_JULY, 2025, 1, UTC))
                .isEqualTo(new BirthdayWindow(2025, at("2025-07-04T00:00:00Z"), at("2025-07-05T00:00:00Z")));
        assertThat(BirthdayWindow.of(FOURTH_OF_JULY, 2025, 7, UTC).closes()).isEqualTo(at("2025-07-11T00:00:00Z"));
    }

    @Test
    void aTwentyNinthOfFebruaryBirthdayOpensOnTheTwentyEighthInACommonYear() {
        assertThat(BirthdayWindow.of(LEAP_DAY, 2025, 1, UTC))
                .isEqualTo(new BirthdayWindow(2025, at("2025-02-28T00:00:00Z"), at("2025-03-01T00:00:00Z")));
        assertThat(BirthdayWindow.of(LEAP_DAY, 2026, 7, UTC).closes()).isEqualTo(at("2026-03-07T00:00:00Z"));
    }

    @Test
    void aTwentyNinthOfFebruaryBirthdayOpensOnTheDayInALeapYear() {
        assertThat(BirthdayWindow.of(LEAP_DAY, 2028, 1, UTC))
                .isEqualTo(new BirthdayWindow(2028, at("2028-02-29T00:00:00Z"), at("2028-03-01T00:00:00Z")));
    }

    @Test
    void windowsRunOverMonthEndsAndIntoTheNewYear() {
        assertThat(BirthdayWindow.of(LocalDate.of(1992, 1, 31), 2026, 7, UTC))
                .isEqualTo(new BirthdayWindow(2026, at("2026-01-31T00:00:00Z"), at("2026-02-07T00:00:00Z")));
        assertThat(BirthdayWindow.of(TWENTIETH_OF_DECEMBER, 2025, 30, UTC))
                .isEqualTo(new BirthdayWindow(2025, at("2025-12-20T00:00:00Z"), at("2026-01-19T00:00:00Z")));
        assertThat(BirthdayWindow.of(LocalDate.of(1992, 12, 31), 2025, 1, UTC))
                .isEqualTo(new BirthdayWindow(2025, at("2025-12-31T00:00:00Z"), at("2026-01-01T00:00:00Z")));
    }

    @Test
    void theBirthdayStartsAtMidnightInTheProgramsZone() {
        assertThat(BirthdayWindow.of(FOURTH_OF_JULY, 2025, 1, ZoneId.of("America/Los_Angeles")))
                .isEqualTo(new BirthdayWindow(2025, at("2025-07-04T07:00:00Z"), at("2025-07-05T07:00:00Z")));
    }

    @Test
    void theWindowIncludesItsOpeningAndExcludesItsClosing() {
        BirthdayWindow window = BirthdayWindow.of(FOURTH_OF_JULY, 2025, 1, UTC);

        assertThat(window.contains(at("2025-07-03T23:59:59Z"))).isFalse();
        assertThat(window.contains(at("2025-07-04T00:00:00Z"))).isTrue();
        assertThat(window.contains(at("2025-07-04T23:59:59Z"))).isTrue();
        assertThat(window.contains(at("2025-07-05T00:00:00Z"))).isFalse();
    }

    // ---- the open window ----

    @Test
    void theWindowIsOpenFromTheStartOfTheBirthday() {
        assertThat(BirthdayWindow.openAt(FOURTH_OF_JULY, null, 1, at("2025-07-04T00:00:00Z"), UTC))
                .contains(BirthdayWindow.of(FOURTH_OF_JULY, 2025, 1, UTC));
        assertThat(BirthdayWindow.openAt(FOURTH_OF_JULY, null, 1, at("2025-07-03T23:59:59Z"), UTC)).isEmpty();
        assertThat(BirthdayWindow.openAt(FOURTH_OF_JULY, null, 1, at("2025-07-05T00:00:00Z"), UTC)).isEmpty();
    }

    @Test
    void aWindowWhoseRewardWasIssuedIsNotOpenedAgain() {
        assertThat(BirthdayWindow.openAt(FOURTH_OF_JULY, 2025, 7, at("2025-07-06T00:00:00Z"), UTC)).isEmpty();
        assertThat(BirthdayWindow.openAt(FOURTH_OF_JULY, 2024, 7, at("2025-07-06T00:00:00Z"), UTC)).map(BirthdayWindow::year).contains(2025);
    }

    @Test
    void lastYearsWindowStillOpenInJanuaryCounts() {
        assertThat(BirthdayWindow.openAt(TWENTIETH_OF_DECEMBER, 2024, 30, at("2026-01-10T00:00:00Z"), UTC))
                .contains(new BirthdayWindow(2025, at("2025-12-20T00:00:00Z"), at("2026-01-19T00:00:00Z")));
        assertThat(BirthdayWindow.openAt(TWENTIETH_OF_DECEMBER, 2025, 30, at("2026-01-10T00:00:00Z"), UTC)).isEmpty();
        assertThat(BirthdayWindow.openAt(TWENTIETH_OF_DECEMBER, null, 30, at("2026-01-19T00:00:00Z"), UTC)).isEmpty();
    }

    @Test
    void aLeapDayBirthdayIsOpenOnTheTwentyEighthOfACommonYearOnly() {
        assertThat(BirthdayWindow.openAt(LEAP_DAY, 2025, 1, at("2026-02-28T12:00:00Z"), UTC)).map(BirthdayWindow::year).contains(2026);
        assertThat(BirthdayWindow.openAt(LEAP_DAY, 2027, 1, at("2028-02-28T12:00:00Z"), UTC)).isEmpty();
        assertThat(BirthdayWindow.openAt(LEAP_DAY, 2027, 1, at("2028-02-29T12:00:00Z"), UTC)).map(BirthdayWindow::year).contains(2028);
    }

    // ---- the next opening ----

    @Test
    void theNextOpeningIsThisYearsBirthdayWhileItIsAhead() {
        assertThat(BirthdayWindow.nextOpening(FOURTH_OF_JULY, null, 1, at("2025-06-15T10:00:00Z"), UTC))
                .isEqualTo(at("2025-07-04T00:00:00Z"));
    }

    @Test
    void onceThisYearsBirthdayHasStartedTheNextOpeningIsNextYears() {
        assertThat(BirthdayWindow.nextOpening(FOURTH_OF_JULY, null, 1, at("2025-07-04T00:00:00Z"), UTC))
                .isEqualTo(at("2026-07-04T00:00:00Z"));
        assertThat(BirthdayWindow.nextOpening(FOURTH_OF_JULY, 2025, 1, at("2025-07-04T08:00:00Z"), UTC))
                .isEqualTo(at("2026-07-04T00:00:00Z"));
    }

    @Test
    void anAlreadyRewardedYearIsSkipped() {
        assertThat(BirthdayWindow.nextOpening(FOURTH_OF_JULY, 2025, 1, at("2025-01-01T00:00:00Z"), UTC))
                .isEqualTo(at("2026-07-04T00:00:00Z"));
    }

    @Test
    void theNextLeapDayBirthdayFallsOnTheTwentyEighthOrTheTwentyNinth() {
        assertThat(BirthdayWindow.nextOpening(LEAP_DAY, 2025, 1, at("2025-03-01T00:00:00Z"), UTC)).isEqualTo(at("2026-02-28T00:00:00Z"));
        assertThat(BirthdayWindow.nextOpening(LEAP_DAY, 2027, 1, at("2027-03-01T00:00:00Z"), UTC)).isEqualTo(at("2028-02-29T00:00:00Z"));
    }

    @Test
    void afterADecemberRewardIssuedTheNextOpeningIsNextDecember() {
        assertThat(BirthdayWindow.nextOpening(LocalDate.of(1985, 12, 31), 2025, 30, at("2026-01-05T08:00:00Z"), UTC))
                .isEqualTo(at("2026-12-31T00:00:00Z"));
    }
}
