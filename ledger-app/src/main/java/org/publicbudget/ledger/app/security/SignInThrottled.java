package org.publicbudget.ledger.app.security;

import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in refused without checking the password: too many failures lately, or too
 * many passwords being checked at this moment. Answered 429 with {@code Retry-After}.
 * (An {@link AccountStatusException}, so that Spring Security stops at it rather than
 * trying other ways to sign in.)
 */
public class SignInThrottled extends AccountStatusException {

    private final Duration retryAfter;

    SignInThrottled(String reason, Duration retryAfter) {
        super(reason);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up: the header cannot say less than a second. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
