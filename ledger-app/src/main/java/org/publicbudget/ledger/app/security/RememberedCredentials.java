package org.publicbudget.ledger.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Passwords are stored as bcrypt hashes, which are slow to check on purpose — about
 * a tenth of a second of a core each. Three things keep that cost in its place:
 * <ul>
 * <li>A finance system sends its credentials with every request, so a successful
 * check is remembered for a few minutes under a keyed digest of the credentials (never
 * the password itself), and the next request with the same credentials costs a lookup.
 * A failed check is never remembered.</li>
 * <li>Failed checks slow the next attempts down ({@link SignInThrottle}); remembered
 * credentials pass without being held back from the addresses the account has signed
 * in from, so an attack on an account does not stop its owner's requests — but from a
 * throttled address they are refused like any other attempt.</li>
 * <li>At most {@code concurrentChecks} passwords are checked at once: a flood of sign-ins
 * waits for its turn (or is told to come back) while every other request keeps the
 * rest of the machine. Sign-ins from an address where the account signed in before
 * have as many checks of their own, so a flood from elsewhere does not keep an owner
 * out.</li>
 * </ul>
 */
public class RememberedCredentials implements AuthenticationProvider {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    static final int MAX_REMEMBERED = 10_000;
    /** How long a sign-in waits for a turn to be checked before it is told to come back. */
    static final Duration WAIT_FOR_CHECK = Duration.ofSeconds(2);

    private final AuthenticationProvider checker;
    private final SignInThrottle throttle;
    private final Semaphore checks;
    private final Semaphore checksWhereKnown;
    private final SecretKeySpec key;
    private final Cache<String, Authentication> remembered;
    private final Counter failures;
    private final Counter throttled;

    public RememberedCredentials(AuthenticationProvider checker, Clock clock, SignInThrottle throttle, int concurrentChecks,
            MeterRegistry meters) {
        this.checker = checker;
        this.failures = Counter.builder("ledger.sign.in.failures").description("Sign-ins refused for a wrong user or password")
                .register(meters);
        this.throttled = Counter.builder("ledger.sign.in.throttled")
                .description("Sign-ins told to wait: too many failures, or too many checks at once").register(meters);
        this.throttle = throttle;
        this.checks = new Semaphore(concurrentChecks, true);
        this.checksWhereKnown = new Semaphore(concurrentChecks, true);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.remembered = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBER_FOR)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String digest = digest(request.getName(), String.valueOf(request.getCredentials()));
        String address = request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        Duration wait = throttle.waitFor(request.getName(), address);
        Authentication known = remembered.getIfPresent(digest);
        // remembered credentials pass where the account signs in, or from an address that is not held back: a guesser's
        // throttled address gets 429 even for the right password, else remembering would let it guess at lookup speed
        if (known != null && (wait.isZero() || throttle.knownAt(request.getName(), address))) {
            return known;
        }
        if (!wait.isZero()) {
            throttled.increment();
            throw new SignInThrottled("too many failed sign-ins for this account or from this address", wait);
        }
        // an account signing in where it signed in before has checks of its own: a flood of guesses from elsewhere
        // fills the others' queue, not its owner's
        Semaphore queue = throttle.knownAt(request.getName(), address) ? checksWhereKnown : checks;
        if (!turn(queue)) {
            throttled.increment();
            throw new SignInThrottled("too many sign-ins are being checked at this moment", Duration.ofSeconds(1));
        }
        try {
            // again, now that it is this attempt's turn: attempts sent together must not all pass one free slot
            Duration afterWaiting = throttle.waitFor(request.getName(), address);
            if (!afterWaiting.isZero()) {
                throttled.increment();
                throw new SignInThrottled("too many failed sign-ins for this account or from this address", afterWaiting);
            }
            Authentication checked = checker.authenticate(request);
            if (checked != null && checked.isAuthenticated()) {
                throttle.succeeded(request.getName(), address);
                remembered.put(digest, checked);
            }
            return checked;
        } catch (BadCredentialsException e) {
            throttle.failed(request.getName(), address);
            failures.increment();
            throw e;
        } finally {
            queue.release();
        }
    }

    private static boolean turn(Semaphore queue) {
        try {
            return queue.tryAcquire(WAIT_FOR_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((name + "\u0000" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
