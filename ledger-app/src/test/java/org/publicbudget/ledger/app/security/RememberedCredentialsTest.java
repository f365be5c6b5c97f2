package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

class RememberedCredentialsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private Instant now = Instant.parse("2025-07-01T08:00:00Z");

    /** Stands in for the bcrypt check: accepts one password and counts how often it is asked. */
    private final AuthenticationProvider bcrypt = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication request) {
            checks.incrementAndGet();
            if (!"right".equals(request.getCredentials())) {
                throw new BadCredentialsException("bad credentials");
            }
            return UsernamePasswordAuthenticationToken.authenticated(request.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_LEDGER_WRITER")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RememberedCredentials provider = new RememberedCredentials(bcrypt, clock, new SignInThrottle(clock), 1, meters);

    /** The bcrypt stand-in, saying when a check has begun and finishing it only when released. */
    private AuthenticationProvider heldBetween(CountDownLatch checking, CountDownLatch release) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication request) {
                checking.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return bcrypt.authenticate(request);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
    }

    private static Authentication login(String password) {
        return login(password, "192.0.2.7");
    }

    private static Authentication login(String password, String address) {
        UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.unauthenticated("treasury", password);
        login.setDetails(new WebAuthenticationDetails(address, null));
        return login;
    }

    @Test
    void aSuccessfulCheckIsRememberedForAFewMinutes() {
        provider.authenticate(login("right"));
        provider.authenticate(login("right"));
        assertThat(checks).hasValue(1);
        now = now.plus(RememberedCredentials.REMEMBER_FOR).plus(Duration.ofSeconds(1));
        assertThat(provider.authenticate(login("right")).isAuthenticated()).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aFailedCheckIsNeverRemembered() {
        provider.authenticate(login("right"));
        assertThatThrownBy(() -> provider.authenticate(login("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(login("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    /** Guessing from the owner's own address cannot stop the owner: remembered credentials are not checked, nor held back. */
    @Test
    void rememberedCredentialsPassWhileTheAccountIsThrottled() {
        provider.authenticate(login("right"));
        for (int i = 0; i < SignInThrottle.FREE_PER_ACCOUNT; i++) {
            assertThatThrownBy(() -> provider.authenticate(login("guess"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> provider.authenticate(login("guess"))).isInstanceOf(SignInThrottled.class);
        int checked = checks.get();

        assertThat(provider.authenticate(login("right")).isAuthenticated()).isTrue();
        assertThat(checks).as("neither the throttled guess nor the remembered login was checked").hasValue(checked);
        assertThat(meters.counter("ledger.sign.in.failures").count()).isEqualTo(SignInThrottle.FREE_PER_ACCOUNT);
        assertThat(meters.counter("ledger.sign.in.throttled").count()).isEqualTo(1);
    }

    /** A guesser's address, once throttled, is refused even the right password: remembering it must not answer guesses at lookup speed. */
    @Test
    void aThrottledAddressIsRefusedEvenRememberedCredentials() {
        provider.authenticate(login("right"));
        String guesser = "198.51.100.9";
        for (int i = 0; i < SignInThrottle.FREE_PER_ACCOUNT; i++) {
            assertThatThrownBy(() -> provider.authenticate(login("guess" + System.nanoTime(), guesser))).isInstanceOf(BadCredentialsException.class);
        }
        int checked = checks.get();

        assertThatThrownBy(() -> provider.authenticate(login("right", guesser))).isInstanceOf(SignInThrottled.class);
        assertThat(checks).as("refused without a check").hasValue(checked);
        assertThat(provider.authenticate(login("right")).isAuthenticated()).as("the owner, where it signs in").isTrue();
    }

    /**
     * Guesses sent together: the one that waited for its turn is looked at again when it
     * gets it, so the failure just before it counts — a burst gets no more than one free slot.
     */
    @Test
    void aGuessThatWaitedItsTurnIsThrottledByTheFailureBeforeIt() throws Exception {
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.FREE_PER_ADDRESS - 1; i++) {
            throttle.failed("someone-" + i, "192.0.2.7");
        }
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuthenticationProvider slow = heldBetween(checking, release);
        RememberedCredentials oneAtATime = new RememberedCredentials(slow, clock, throttle, 1, new SimpleMeterRegistry());
        Thread first = new Thread(() -> {
            try {
                oneAtATime.authenticate(login("guess-1"));
            } catch (BadCredentialsException expected) {
                // the tenth failure from the address
            }
        });
        first.start();
        checking.await();
        AtomicReference<Throwable> second = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                oneAtATime.authenticate(login("guess-2"));
            } catch (RuntimeException e) {
                second.set(e);
            }
        });
        waiting.start();
        Thread.sleep(200);
        release.countDown();
        first.join();
        waiting.join();

        assertThat(second.get()).isInstanceOf(SignInThrottled.class);
        assertThat(checks).as("only the first guess was checked").hasValue(1);
    }

    /** While one password is being checked, the next waits its turn, and is told to come back after a while. */
    /** A flood of guesses from elsewhere fills the checks; the owner's fresh sign-in where it signs in has checks of its own. */
    @Test
    void anOwnerWhereItSignsInIsCheckedBesideAFloodOfGuesses() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuthenticationProvider guessesHeld = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication request) {
                return ("guess".equals(request.getCredentials()) ? heldBetween(checking, release) : bcrypt).authenticate(request);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
        RememberedCredentials provider = new RememberedCredentials(guessesHeld, clock, new SignInThrottle(clock), 1, new SimpleMeterRegistry());
        provider.authenticate(login("right"));
        now = now.plus(RememberedCredentials.REMEMBER_FOR).plusSeconds(1);
        Thread guesser = new Thread(() -> assertThatThrownBy(() -> provider.authenticate(login("guess", "198.51.100.9")))
                .isInstanceOf(BadCredentialsException.class));
        guesser.start();
        checking.await();

        try {
            assertThat(provider.authenticate(login("right")).isAuthenticated()).as("checked at once, not told to come back").isTrue();
        } finally {
            release.countDown();
            guesser.join();
        }
    }

    @Test
    void passwordsAreCheckedOneAtATime() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuthenticationProvider slow = heldBetween(checking, release);
        RememberedCredentials oneAtATime = new RememberedCredentials(slow, Clock.systemUTC(), new SignInThrottle(clock), 1, new SimpleMeterRegistry());
        Thread first = new Thread(() -> oneAtATime.authenticate(login("right")));
        first.start();
        checking.await();

        long started = System.nanoTime();
        assertThatThrownBy(() -> oneAtATime.authenticate(login("right"))).isInstanceOf(SignInThrottled.class)
                .satisfies(e -> assertThat(((SignInThrottled) e).retryAfterSeconds()).isEqualTo(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(RememberedCredentials.WAIT_FOR_CHECK);

        release.countDown();
        first.join();
        assertThat(oneAtATime.authenticate(login("right")).isAuthenticated()).isTrue();
    }
}
