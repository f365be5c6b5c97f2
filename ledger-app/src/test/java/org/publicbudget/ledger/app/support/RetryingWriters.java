package org.publicbudget.ledger.app.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finance systems under a fault: each client creates projects one after another and
 * sends each command again, with the same Idempotency-Key, until it is answered 201 —
 * through a node killed and restarted, or a primary lost and its standby promoted.
 * What was acknowledged (key → project), when, and every status seen, for the test to
 * hold against the store.
 */
public final class RetryingWriters {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> acknowledgedAt = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final ExecutorService clients;
    private final List<Future<?>> load = new ArrayList<>();

    private RetryingWriters(int count) {
        clients = Executors.newFixedThreadPool(count);
    }

    /** {@code count} clients creating projects in {@code department}, named {@code prefix-client-n}. */
    public static RetryingWriters start(Api api, int count, String department, String prefix) {
        RetryingWriters writers = new RetryingWriters(count);
        for (int c = 0; c < count; c++) {
            int client = c;
            writers.load.add(writers.clients.submit(() -> {
                for (int n = 0; writers.running.get(); n++) {
                    String key = prefix + "-" + client + "-" + n;
                    String body = "{\"department\":\"" + department + "\",\"fiscalYear\":2025,\"unit\":\"街道办事处\",\"name\":\"" + key
                            + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"1.00\"}}";
                    while (true) {
                        try {
                            Api.Response response = api.post("treasury", "/api/v1/projects", body, Map.of("Idempotency-Key", key));
                            writers.statuses.add(response.status());
                            if (response.status() == 201) {
                                writers.acknowledged.put(key, response.body().get("projectId").asText());
                                writers.acknowledgedAt.add(System.nanoTime());
                                break;
                            }
                        } catch (IllegalStateException refused) {
                            // the node is down: the client waits and sends the same command again
                        }
                        Thread.sleep(200);
                    }
                }
                return null;
            }));
        }
        return writers;
    }

    /** The clients finish the command each is sending, and stop. */
    public void stop() throws Exception {
        running.set(false);
        for (Future<?> client : load) {
            client.get(3, TimeUnit.MINUTES);
        }
        clients.shutdown();
    }

    public Map<String, String> acknowledged() {
        return acknowledged;
    }

    public Collection<Integer> statuses() {
        return statuses;
    }

    /** When the first command after {@code nanoTime} was acknowledged; null while none was. */
    public Long firstAcknowledgedAfter(long nanoTime) {
        return acknowledgedAt.stream().filter(at -> at > nanoTime).min(Long::compare).orElse(null);
    }
}
