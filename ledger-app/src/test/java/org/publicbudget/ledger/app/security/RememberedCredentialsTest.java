package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

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

    private final RememberedCredentials provider = new RememberedCredentials(bcrypt, clock);

    private static Authentication login(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("treasury", password);
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
}
