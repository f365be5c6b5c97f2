package org.publicbudget.ledger.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Failed sign-ins slow the next attempts down, so that passwords cannot be guessed at
 * the speed of the machine. Each attempt is held to one of two rules, by whether the
 * account has signed in from the client's address in the last {@link #KNOWN_FOR}:
 * <ul>
 * <li>from an address it is known at: after {@value #FREE_PER_ACCOUNT} failures of this
 * account from this address, each further attempt waits 1 s, then 2, 4 … up to
 * {@link #ACCOUNT_CAP};</li>
 * <li>from any other address: after {@value #FREE_PER_ADDRESS} failures from the address
 * (for any accounts), attempts from it wait 1 s, 2, 4 … up to {@link #ADDRESS_CAP}; and
 * after {@value #FREE_PER_ACCOUNT} failures of the account from such addresses, attempts
 * wait 1 s, 2, 4 … up to {@link #ACCOUNT_CAP}.</li>
 * </ul>
 * So guesses from elsewhere, or for other accounts from the same office's address, do
 * not hold back an account where it signs in (known addresses live in this node's
 * memory: a node just started does not know them yet); credentials checked in the last minutes are not checked again at all
 * ({@link RememberedCredentials}); and a wait for an account ends {@link #ACCOUNT_CAP}
 * after the attack stops. Failures are forgotten {@link #FORGET_AFTER} after the last
 * one. An attempt made while it must wait is refused without being checked and does
 * not count.
 * <p>
 * The tables are bounded, so that names or addresses made up by the million cost
 * memory only up to {@value #MAX_ENTRIES} entries each.
 */
public class SignInThrottle {

    static final int FREE_PER_ADDRESS = 10;
    static final int FREE_PER_ACCOUNT = 5;
    static final Duration ADDRESS_CAP = Duration.ofMinutes(5);
    static final Duration ACCOUNT_CAP = Duration.ofMinutes(1);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final Duration KNOWN_FOR = Duration.ofHours(24);
    static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last) {

        Instant waitUntil(int free, Duration cap) {
            if (count < free) {
                return last;
            }
            int doublings = Math.min(count - free, 20);
            return last.plus(Duration.ofSeconds(1L << doublings).compareTo(cap) > 0 ? cap : Duration.ofSeconds(1L << doublings));
        }

        Failures andOneMore(Instant now) {
            return new Failures(count + 1, now);
        }
    }

    private final Clock clock;
    private final Cache<String, Failures> byAddress;
    private final Cache<String, Failures> byAccount;
    private final Cache<String, Failures> byKnownPair;
    private final Cache<String, Boolean> knownPairs;

    public SignInThrottle(Clock clock) {
        this.clock = clock;
        this.byAddress = table(FORGET_AFTER);
        this.byAccount = table(FORGET_AFTER);
        this.byKnownPair = table(FORGET_AFTER);
        this.knownPairs = table(KNOWN_FOR);
    }

    private <V> Cache<String, V> table(Duration lifetime) {
        return Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(lifetime)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** How long an attempt to sign in to {@code account} from {@code address} must wait; zero when it may be checked now. */
    public Duration waitFor(String name, String address) {
        String account = key(name);
        Instant until;
        if (knownPairs.getIfPresent(pair(account, address)) != null) {
            until = waitUntil(byKnownPair.getIfPresent(pair(account, address)), FREE_PER_ACCOUNT, ACCOUNT_CAP);
        } else {
            Instant forAddress = waitUntil(byAddress.getIfPresent(address), FREE_PER_ADDRESS, ADDRESS_CAP);
            Instant forAccount = waitUntil(byAccount.getIfPresent(account), FREE_PER_ACCOUNT, ACCOUNT_CAP);
            until = forAddress.isAfter(forAccount) ? forAddress : forAccount;
        }
        Instant now = clock.instant();
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    private static Instant waitUntil(Failures failures, int free, Duration cap) {
        return failures == null ? Instant.MIN : failures.waitUntil(free, cap);
    }

    public void failed(String name, String address) {
        String account = key(name);
        Instant now = clock.instant();
        count(byAddress, address, now);
        if (knownPairs.getIfPresent(pair(account, address)) != null) {
            count(byKnownPair, pair(account, address), now);
        } else {
            count(byAccount, account, now);
        }
    }

    /** Whether {@code name} has signed in from {@code address} in the last {@link #KNOWN_FOR}. */
    public boolean knownAt(String name, String address) {
        return knownPairs.getIfPresent(pair(key(name), address)) != null;
    }

    public void succeeded(String name, String address) {
        knownPairs.put(pair(key(name), address), Boolean.TRUE);
    }

    /** Account names are matched without regard to case, as the accounts themselves are: FINANCE is finance. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void count(Cache<String, Failures> table, String key, Instant now) {
        table.asMap().merge(key, new Failures(1, now), (earlier, one) -> earlier.andOneMore(now));
    }

    private static String pair(String account, String address) {
        return account + '\u0000' + address;
    }
}
