package org.publicbudget.ledger.app.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.app.security.LedgerUsersProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which departments an account may follow: those named in its
 * {@code LEDGER_SECURITY_USERS_{i}_DEPARTMENTS} (department names, so that a portal
 * given 财政局 follows it through every fiscal year), or all when none are named.
 */
@Component
class FeedScopes {

    private final Map<String, List<String>> departments = new HashMap<>();

    FeedScopes(LedgerUsersProperties accounts) {
        accounts.users().forEach(user -> {
            if (user.departments() != null && !user.departments().isEmpty()) {
                departments.put(user.name(), List.copyOf(user.departments()));
            }
        });
    }

    /** The department names this reader is limited to; null when it may see all. */
    List<String> of(Authentication user) {
        return user == null ? List.of() : departments.get(user.getName());
    }
}
