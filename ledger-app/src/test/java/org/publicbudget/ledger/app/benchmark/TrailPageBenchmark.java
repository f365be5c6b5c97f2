package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast an auditor gets one page of the trail of a figure with 10,000 revisions,
 * over real HTTP on PostgreSQL. Not part of the default test run; run it with
 * {@code ./mvnw -pl ledger-app -am -Pbenchmark verify}. Prints the first (cold) request,
 * then p50 and p99 once the server is warm.
 */
class TrailPageBenchmark extends PostgresApiTest {

    private static final int REVISIONS = 10_000;
    private static final int WARM_UP = 2_000;
    private static final int REQUESTS = 1_000;
    private static final int PAGE = 100;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void aPageOfATrailWithTenThousandRevisions() {
        String projectId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProject(projectId, "Benchmark " + projectId, 2025, "街道办事处", "环卫保洁类经费", "",
                Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("818.00"))));
        // The revisions are appended straight to the event store in batches, as the aggregate would have
        // written them (each starting where the last ended): this measures reading, not writing.
        ProjectCreated created = (ProjectCreated) eventStore.readEvents(projectId).next().getPayload();
        long writing = System.nanoTime();
        for (int from = 1; from <= REVISIONS; from += 500) {
            int start = from;
            transaction.executeWithoutResult(status -> {
                List<DomainEventMessage<?>> batch = new ArrayList<>();
                for (int i = start; i < start + 500 && i <= REVISIONS; i++) {
                    BigDecimal before = new BigDecimal(i % 2 == 1 ? "818.00" : "819.00");
                    BigDecimal after = new BigDecimal(i % 2 == 1 ? "819.00" : "818.00");
                    batch.add(new GenericDomainEventMessage<>("Project", projectId, i, new AllocationRevised(projectId,
                            created.departmentId(), created.unitId(), FundingSource.FISCAL_APPROPRIATION, before, after, "revision " + i),
                            MetaData.with("actor", "benchmark").and("reason", "revision " + i)));
                }
                eventStore.publish(batch);
            });
        }
        double writeSeconds = (System.nanoTime() - writing) / 1e9;

        // nothing else writes meanwhile, so the project's events stand at consecutive positions; the read models first catch up
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        Api.Response caughtUp = await().atMost(Duration.ofMinutes(2))
                .until(() -> api.get(AUDITOR, "/api/v1/projects/" + projectId + "/trail?limit=1&minPosition=" + head), read -> read.status() == 200);
        long first = caughtUp.body().get("steps").get(0).get("position").asLong();
        Random random = new Random(42);
        List<Long> millis = new ArrayList<>();
        long cold = 0;
        // the first request folds the whole history; the next ones warm the JIT, as a running server is
        for (int r = 0; r < WARM_UP + REQUESTS; r++) {
            long after = first + random.nextInt(REVISIONS - PAGE);
            long started = System.nanoTime();
            Api.Response page = api.get(AUDITOR, "/api/v1/projects/" + projectId + "/trail?limit=" + PAGE + "&after=" + after);
            long elapsed = (System.nanoTime() - started) / 1_000;
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("steps")).hasSize(PAGE);
            if (r == 0) {
                cold = elapsed;
            } else if (r >= WARM_UP) {
                millis.add(elapsed);
            }
        }
        Collections.sort(millis);
        System.out.printf("BENCHMARK trail page: %d revisions appended in %.1f s (%.0f events/s, chained); %d-step page over HTTP: "
                        + "first (cold) %.1f ms; after %d requests to warm up, %d requests: p50 %.1f ms, p99 %.1f ms%n",
                REVISIONS, writeSeconds, REVISIONS / writeSeconds, PAGE, cold / 1000.0, WARM_UP, REQUESTS,
                millis.get(millis.size() / 2) / 1000.0, millis.get((int) (millis.size() * 0.99)) / 1000.0);
    }
}
