package org.publicbudget.ledger.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.LedgerApplication;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.SyntheticBudgets;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds of the packaged jar as separate JVMs on one PostgreSQL: a node killed
 * (kill -9) in the middle of a rebuild, and a rebuild carried out across two nodes
 * whose worker dies. No manual step in either: the rebuild completes and the read
 * model ends identical to the one before.
 */
class RebuildIT {

    private static final String TOTALS = "/api/v1/ops/processors/totals";
    private static final int PROJECTS = 20_000;
    private static final String OPERATOR = TestDeployment.OPERATOR;

    @Test
    void aNodeKilledInTheMiddleOfARebuildFinishesItWhenStartedAgain() {
        TestPostgres.Database database = ledgerOf(PROJECTS);
        LedgerProcess node = new LedgerProcess(database, "node-a");
        try {
            Api api = node.start().api();
            long id = requestRebuild(api);
            awaitUnderWay(api, id);
            node.kill();

            api = node.start().api();
            JsonNode rebuild = awaitFinished(api, id);
            assertProvedIdentical(rebuild);
            assertThat(rebuild.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertCaughtUpAndMatching(api);
        } finally {
            node.kill();
        }
    }

    @Test
    void aRebuildRunsOnTwoNodesAndSurvivesTheDeathOfTheOneCarryingItOut() {
        TestPostgres.Database database = ledgerOf(PROJECTS);
        LedgerProcess nodeA = new LedgerProcess(database, "node-a");
        LedgerProcess nodeB = new LedgerProcess(database, "node-b");
        try {
            Api a = nodeA.start().api();
            Api b = nodeB.start().api();
            long id = requestRebuild(b);
            JsonNode underWay = awaitUnderWay(a, id);
            boolean aCarriesItOut = underWay.get("owner").asText().equals("node-a");
            (aCarriesItOut ? nodeA : nodeB).kill();
            Api survivor = aCarriesItOut ? b : a;

            JsonNode rebuild = awaitFinished(survivor, id);
            assertProvedIdentical(rebuild);
            assertThat(rebuild.get("owner").asText()).isEqualTo(aCarriesItOut ? "node-b" : "node-a");

            Api restarted = (aCarriesItOut ? nodeA : nodeB).start().api();
            JsonNode status = assertCaughtUpAndMatching(restarted);
            await().atMost(Duration.ofSeconds(60)).until(() -> owners(survivor).size() == 2);
            assertThat(owners(survivor)).containsExactlyInAnyOrder("node-a", "node-b");
            assertThat(status.get("activeCopy").asText()).as("the generator built copy b, this rebuild a").isEqualTo("a");
        } finally {
            nodeA.kill();
            nodeB.kill();
        }
    }

    /** A fresh schema holding {@code projects} synthetic projects of 12 events each (payments and a result among them), read model built and caught up. */
    private static TestPostgres.Database ledgerOf(int projects) {
        TestPostgres.Database database = TestPostgres.freshSchema();
        try (ConfigurableApplicationContext generator = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + database.schema(),
                        "--ledger.seed.enabled=false", "--ledger.node-id=generator")) {
            // the rebuild below builds the read model far faster than the processor would, event by event
            generator.getBean(EventProcessingConfiguration.class).eventProcessor("totals").ifPresent(EventProcessor::shutDown);
            new SyntheticBudgets(generator.getBean(EventStorageEngine.class), generator.getBean(TransactionTemplate.class))
                    .append(projects, 12);
            Rebuilds rebuilds = generator.getBean(Rebuilds.class);
            long id = rebuilds.request("totals", "test", "synthetic ledger").orElseThrow().id();
            Rebuild built = await().atMost(Duration.ofMinutes(5)).until(() -> rebuilds.find("totals", id).orElseThrow(), Rebuild::finished);
            assertThat(built.state()).isEqualTo("DONE");
        }
        return database;
    }

    private static long requestRebuild(Api api) {
        Api.Response requested = api.post(OPERATOR, TOTALS + "/rebuild", "{\"reason\":\"rebuild under test\"}");
        assertThat(requested.status()).isEqualTo(202);
        return requested.body().get("id").asLong();
    }

    /** Waits until the rebuild is replaying or writing, with some events done: the middle of it. */
    private static JsonNode awaitUnderWay(Api api, long id) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get(OPERATOR, TOTALS + "/rebuilds/" + id).body(),
                        r -> Set.of("REPLAYING", "WRITING").contains(r.get("state").asText()) && r.get("eventsDone").asLong() > 0);
    }

    private static JsonNode awaitFinished(Api api, long id) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> api.get(OPERATOR, TOTALS + "/rebuilds/" + id).body(), r -> r.get("finishedAt").isTextual());
    }

    private static void assertProvedIdentical(JsonNode rebuild) {
        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("DONE");
        JsonNode proof = rebuild.get("proof");
        assertThat(proof.get("identicalToBefore").asBoolean()).as(proof.toString()).isTrue();
        assertThat(proof.get("matchesEvents").asBoolean()).isTrue();
        assertThat(proof.get("events").asLong()).isEqualTo(PROJECTS * 12L);
        assertThat(proof.get("projects").asLong()).isEqualTo(PROJECTS);
    }

    private static JsonNode assertCaughtUpAndMatching(Api api) {
        JsonNode status = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get(OPERATOR, TOTALS).body(), s -> s.get("caughtUp").asBoolean() && s.get("runningHere").asBoolean());
        assertThat(status.get("errors")).isEmpty();
        JsonNode verification = api.get(TestDeployment.AUDITOR, "/api/v1/verify").body();
        assertThat(verification.get("readModelsMatch").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("chainIntact").asBoolean()).isTrue();
        return status;
    }

    private static Set<String> owners(Api api) {
        JsonNode segments = api.get(OPERATOR, TOTALS).body().get("segments");
        Set<String> owners = new HashSet<>();
        segments.forEach(s -> {
            if (s.get("owner").isTextual()) {
                owners.add(s.get("owner").asText());
            }
        });
        return owners;
    }
}
