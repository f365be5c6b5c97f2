package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * Ten minutes at a steady rate of commands and reads over HTTP on PostgreSQL: no
 * error, no heap growth after GC, stable latency. On demand:
 * {@code ./mvnw -pl ledger-app -am -Pbenchmark verify} ({@code -Dledger.soak.minutes=N} and {@code -Dledger.soak.rate=R} (requests per second) to change it).
 */
class SoakBenchmark extends PostgresApiTest {

    @Test
    void tenMinutesAtASteadyRate() throws Exception {
        int minutes = Integer.getInteger("ledger.soak.minutes", 10);
        int ratePerSecond = Integer.getInteger("ledger.soak.rate", 20);
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            projects.add(api.post(WRITER, "/api/v1/projects", "{\"department\":\"Soak " + UUID.randomUUID()
                    + "\",\"fiscalYear\":2025,\"unit\":\"街道办事处\",\"name\":\"环卫保洁类经费\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"818.00\"}}")
                    .body().get("projectId").asText());
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapAtStart = memory.getHeapMemoryUsage().getUsed();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int minute = 1; minute <= minutes; minute++) {
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end) {
                long second = System.currentTimeMillis();
                for (int r = 0; r < ratePerSecond; r++) {
                    int n = sent.incrementAndGet();
                    String project = projects.get(n % projects.size());
                    pool.submit(() -> {
                        long started = System.nanoTime();
                        Api.Response response = n % 4 == 0
                                ? api.get(AUDITOR, "/api/v1/projects/" + project + "/trail?limit=50")
                                : api.post(WRITER, "/api/v1/projects/" + project + "/allocation-revisions",
                                        "{\"fundingSource\":\"OTHER\",\"amount\":\"" + n + "\",\"reason\":\"soak\"}",
                                        Map.of("Idempotency-Key", "soak-" + n));
                        latencies.add((System.nanoTime() - started) / 1_000);
                        if (response.status() >= 300 && errors.incrementAndGet() <= 5) {
                            System.out.printf("SOAK error: %d %s%n", response.status(), response.body());
                        }
                    });
                }
                Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - second)));
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.gc();
            System.out.printf("SOAK minute %d: %d requests, p50 %.1f ms, p99 %.1f ms, heap after GC %d MiB, errors so far %d%n", minute,
                    sorted.size(), sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                    memory.getHeapMemoryUsage().getUsed() >> 20, errors.get());
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.gc();
        long heapAtEnd = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("SOAK: %d minutes, %d requests at %d/s, %d errors, heap after GC %d MiB at start, %d MiB at end%n",
                minutes, sent.get(), ratePerSecond, errors.get(), heapAtStart >> 20, heapAtEnd >> 20);
        assertThat(errors).hasValue(0);
    }
}
