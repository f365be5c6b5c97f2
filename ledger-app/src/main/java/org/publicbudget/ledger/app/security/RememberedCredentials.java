package org.publicbudget.ledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Passwords are stored as bcrypt hashes, which are slow to check on purpose — about
 * a tenth of a second each here. A finance system sends its credentials with every
 * request, so a successful check is remembered for a few minutes under a keyed
 * digest of the credentials (never the password itself), and the next request with
 * the same credentials costs a map lookup. A failed check is never remembered.
 */
public class RememberedCredentials implements AuthenticationProvider {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    static final int MAX_REMEMBERED = 10_000;

    private final AuthenticationProvider checker;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Authentication authentication, Instant until) {
    }

    public RememberedCredentials(AuthenticationProvider checker, Clock clock) {
        this.checker = checker;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String digest = digest(request.getName(), String.valueOf(request.getCredentials()));
        Instant now = clock.instant();
        Remembered known = remembered.get(digest);
        if (known != null && known.until().isAfter(now)) {
            return known.authentication();
        }
        Authentication checked = checker.authenticate(request);
        if (checked != null && checked.isAuthenticated()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.values().removeIf(r -> !r.until().isAfter(now));
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
            }
            remembered.put(digest, new Remembered(checked, now.plus(REMEMBER_FOR)));
        }
        return checked;
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
