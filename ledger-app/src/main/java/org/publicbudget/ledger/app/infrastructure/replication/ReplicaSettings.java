package org.publicbudget.ledger.app.infrastructure.replication;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the streaming standby is: {@code LEDGER_REPLICA_URL}, with
 * {@code LEDGER_REPLICA_USERNAME} and {@code LEDGER_REPLICA_PASSWORD} defaulting to the
 * primary's. No URL, no standby: every read goes to the primary.
 */
@Component
public class ReplicaSettings {

    private final String url;
    private final String username;
    private final String password;

    public ReplicaSettings(@Value("${ledger.replica.url:}") String url,
            @Value("${ledger.replica.username:${spring.datasource.username:}}") String username,
            @Value("${ledger.replica.password:${spring.datasource.password:}}") String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    public boolean configured() {
        return !url.isBlank();
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }
}
