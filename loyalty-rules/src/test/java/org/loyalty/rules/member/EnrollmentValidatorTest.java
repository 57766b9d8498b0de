package org.loyalty.rules.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.Violation;
import org.loyalty.api.member.EnrollMember;

class EnrollmentValidatorTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

    private final EnrollmentValidator validator = new EnrollmentValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    private static EnrollMember enrollment(String name, String email, String phone, LocalDate birthday) {
        return new EnrollMember("m-1", name, email, phone, birthday, true, null);
    }

    private static EnrollMember withName(String name) {
        return enrollment(name, "ann@example.com", null, null);
    }

    private static EnrollMember withEmail(String email) {
        return enrollment("Ann Lee", email, null, null);
    }

    private static EnrollMember withPhone(String phone) {
        return enrollment("Ann Lee", "ann@example.com", phone, null);
    }

    private static EnrollMember withBirthday(LocalDate birthday) {
        return enrollment("Ann Lee", "ann@example.com", null, birthday);
    }

    private List<Violation> violationsOf(EnrollMember enrollment) {
        return validator.violations(enrollment);
    }

    // ---- valid input ----

    @Test
    void aCompleteValidEnrollmentHasNoViolations() {
        assertThat(violationsOf(enrollment("Ann Lee", "ann.lee@example.com", "+1 (555) 123-4567", LocalDate.of(1990, 4, 12))))
                .isEmpty();
    }

    @Test
    void phoneAndBirthdayAreOptional() {
        assertThat(violationsOf(enrollment("Ann Lee", "ann@example.com", null, null))).isEmpty();
    }

    @Test
    void aLeapDayBirthdayIsValid() {
        assertThat(violationsOf(withBirthday(LocalDate.of(2000, 2, 29)))).isEmpty();
    }

    // ---- name ----

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t\n"})
    void aMissingNameIsRefused(String name) {
        assertThat(violationsOf(withName(name))).containsExactly(new Violation("name", "must not be blank"));
    }

    @Test
    void aNameOfTwoHundredCharactersIsAcceptedAndOneMoreIsTooLong() {
        assertThat(violationsOf(withName("a".repeat(200)))).isEmpty();
        assertThat(violationsOf(withName("a".repeat(201))))
                .containsExactly(new Violation("name", "must be at most 200 characters"));
    }

    // ---- email ----

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ann@example.com", "ann.lee+loyalty@mail.example.co.uk", "ANN@EXAMPLE.COM", "a@b.io"})
    void aPlausibleEmailIsAccepted(String email) {
        assertThat(violationsOf(withEmail(email))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann@example.",
            "ann lee@example.com",
            "ann@exa mple.com",
            "ann@@example.com",
            "ann@ex@ample.com",
            "ann.example.com"})
    void anInvalidEmailIsRefused(String email) {
        assertThat(violationsOf(withEmail(email))).containsExactly(new Violation("email", "is not a valid email address"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingEmailIsRefusedOnceAsBlank(String email) {
        assertThat(violationsOf(withEmail(email))).containsExactly(new Violation("email", "must not be blank"));
    }

    @Test
    void anEmailLongerThan254CharactersIsRefusedAsTooLong() {
        String tooLong = "a".repeat(243) + "@example.com"; // 255 characters

        assertThat(violationsOf(withEmail(tooLong))).containsExactly(new Violation("email", "must be at most 254 characters"));
    }

    @Test
    void anEnrollmentWithoutAMemberIdIsRefused() {
        assertThat(violationsOf(new EnrollMember(null, "Ann Lee", "ann@example.com", null, null, false, null)))
                .containsExactly(new Violation("memberId", "must not be blank"));
    }

    // ---- phone ----

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"+1 (555) 123-4567", "(555) 123-4567", "0612345678", "+44 20 7946 0958", "123456"})
    void aPlausiblePhoneIsAccepted(String phone) {
        assertThat(violationsOf(withPhone(phone))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "abc", "12345", "+", "++1 555 123 4567", "555-CALL-NOW", "+1 555 123 4567 ext. 9",
            "12345678901234567890123456"})
    void anImplausiblePhoneIsRefused(String phone) {
        assertThat(violationsOf(withPhone(phone))).containsExactly(new Violation("phone", "is not a valid phone number"));
    }

    // ---- birthday ----

    @Test
    void aBirthdayInTheFutureIsRefused() {
        assertThat(violationsOf(withBirthday(TODAY.plusDays(1))))
                .containsExactly(new Violation("birthday", "must not be in the future"));
        assertThat(violationsOf(withBirthday(LocalDate.of(2100, 1, 1))))
                .containsExactly(new Violation("birthday", "must not be in the future"));
    }

    @Test
    void aBirthdayTodayIsAccepted() {
        assertThat(violationsOf(withBirthday(TODAY))).isEmpty();
    }

    @Test
    void aBirthdayBefore1900IsRefused() {
        assertThat(violationsOf(withBirthday(LocalDate.of(1899, 12, 31))))
                .containsExactly(new Violation("birthday", "must not be before 1900-01-01"));
        assertThat(violationsOf(withBirthday(LocalDate.of(1850, 6, 1))))
                .containsExactly(new Violation("birthday", "must not be before 1900-01-01"));
    }

    @Test
    void theFirstOfJanuary1900IsTheOldestAcceptedBirthday() {
        assertThat(violationsOf(withBirthday(LocalDate.of(1900, 1, 1)))).isEmpty();
    }

    @Test
    void todayIsTakenInTheClocksTimeZone() {
        // 23:30 UTC on June 15 is already June 16 in Tokyo.
        Instant lateEvening = Instant.parse("2025-06-15T23:30:00Z");
        EnrollmentValidator inTokyo = new EnrollmentValidator(Clock.fixed(lateEvening, ZoneId.of("Asia/Tokyo")));
        EnrollmentValidator inUtc = new EnrollmentValidator(Clock.fixed(lateEvening, ZoneOffset.UTC));

        assertThat(inTokyo.violations(withBirthday(LocalDate.of(2025, 6, 16)))).isEmpty();
        assertThat(inUtc.violations(withBirthday(LocalDate.of(2025, 6, 16))))
                .containsExactly(new Violation("birthday", "must not be in the future"));
    }

    // ---- all at once ----

    @Test
    void everyViolationIsReportedAtOnce() {
        assertThat(violationsOf(enrollment(" ", "not-an-email", "call me", TODAY.plusYears(1))))
                .extracting(Violation::field)
                .containsExactly("name", "email", "phone", "birthday");
    }
}
