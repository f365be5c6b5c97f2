package org.publicbudget.ledger.app.infrastructure.http.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests from each client address are still receiving their bodies. A body
 * being received holds one of the server's threads; a fast client's arrives in
 * microseconds, so only a slow sender — or an attacker with an account sending many
 * bodies at a trickle — ever has many at once. Past the limit, its next requests are
 * refused at once instead of taking the threads everyone else needs.
 */
final class BodiesInFlight {

    private final int perClient;
    private final ConcurrentHashMap<String, Integer> receiving = new ConcurrentHashMap<>();

    BodiesInFlight(int perClient) {
        this.perClient = perClient;
    }

    /** Counts one more body from {@code client}, unless it already has as many as it may. */
    boolean admit(String client) {
        int[] count = new int[1];
        receiving.compute(client, (address, n) -> count[0] = n == null ? 1 : n + 1);
        if (count[0] > perClient) {
            received(client);
            return false;
        }
        return true;
    }

    void received(String client) {
        receiving.computeIfPresent(client, (address, n) -> n <= 1 ? null : n - 1);
    }

    int perClient() {
        return perClient;
    }
}
