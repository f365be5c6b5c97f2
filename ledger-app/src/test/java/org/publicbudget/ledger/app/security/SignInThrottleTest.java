package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private Instant now = Instant.parse("2025-07-01T08:00:00Z");
    private final SignInThrottle throttle = new SignInThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private void fail(int times, String account, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }

    @Test
    void anAddressGetsTenFreeFailuresThenWaitsTwiceAsLongAfterEachUpToFiveMinutes() {
        fail(SignInThrottle.FREE_PER_ADDRESS - 1, "a", "192.0.2.1");
        assertThat(throttle.waitFor("b", "192.0.2.1")).isZero();

        throttle.failed("c", "192.0.2.1");
        assertThat(throttle.waitFor("d", "192.0.2.1")).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("e", "192.0.2.1");
        assertThat(throttle.waitFor("f", "192.0.2.1")).isEqualTo(Duration.ofSeconds(2));
        fail(20, "g", "192.0.2.1");
        assertThat(throttle.waitFor("h", "192.0.2.1")).isEqualTo(SignInThrottle.ADDRESS_CAP);
        assertThat(throttle.waitFor("h", "192.0.2.99")).as("another address").isZero();

        now = now.plus(SignInThrottle.ADDRESS_CAP);
        assertThat(throttle.waitFor("h", "192.0.2.1")).isZero();
    }

    @Test
    void anAccountGuessedFromManyAddressesWaitsUpToAMinuteButNotFromWhereItsOwnerSignsIn() {
        throttle.succeeded("treasury", "10.0.0.5");
        for (int i = 0; i < 30; i++) {
            throttle.failed("treasury", "198.51.100." + i);
        }

        assertThat(throttle.waitFor("treasury", "198.51.100.200")).isEqualTo(SignInThrottle.ACCOUNT_CAP);
        assertThat(throttle.waitFor("treasury", "10.0.0.5")).as("the owner's known address").isZero();
        assertThat(throttle.waitFor("audit-office", "198.51.100.200")).as("another account").isZero();

        now = now.plus(SignInThrottle.ACCOUNT_CAP);
        assertThat(throttle.waitFor("treasury", "198.51.100.200")).as("a minute after the attack stopped").isZero();
    }

    /** Guesses from an office's shared address do not hold back the accounts that sign in there; guesses of such an account do. */
    @Test
    void anAccountWhereItSignsInIsHeldBackOnlyByItsOwnFailuresThere() {
        throttle.succeeded("treasury", "10.0.0.5");
        for (int i = 0; i < 30; i++) {
            throttle.failed("someone-" + i, "10.0.0.5");
        }
        assertThat(throttle.waitFor("stranger", "10.0.0.5")).isEqualTo(SignInThrottle.ADDRESS_CAP);
        assertThat(throttle.waitFor("treasury", "10.0.0.5")).isZero();

        fail(SignInThrottle.FREE_PER_ACCOUNT, "treasury", "10.0.0.5");

        assertThat(throttle.waitFor("treasury", "10.0.0.5")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anAccountsNameCountsWhateverItsCase() {
        fail(SignInThrottle.FREE_PER_ACCOUNT - 1, "Treasury", "198.51.100.1");
        throttle.failed("TREASURY", "198.51.100.2");

        assertThat(throttle.waitFor("treasury", "198.51.100.3")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresAreForgottenAQuarterOfAnHourAfterTheLast() {
        fail(SignInThrottle.FREE_PER_ADDRESS + 3, "treasury", "192.0.2.1");
        now = now.plus(SignInThrottle.FORGET_AFTER).plusSeconds(1);

        throttle.failed("treasury", "192.0.2.1");

        assertThat(throttle.waitFor("treasury", "192.0.2.1")).isZero();
    }

    @Test
    void aKnownAddressIsForgottenAfterADay() {
        throttle.succeeded("treasury", "10.0.0.5");
        now = now.plus(SignInThrottle.KNOWN_FOR).plusSeconds(1);

        fail(SignInThrottle.FREE_PER_ACCOUNT, "treasury", "198.51.100.1");

        assertThat(throttle.waitFor("treasury", "10.0.0.5")).isEqualTo(Duration.ofSeconds(1));
    }
}
