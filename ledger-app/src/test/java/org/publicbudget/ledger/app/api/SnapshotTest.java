package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.infrastructure.axon.AxonConfiguration;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.ExpenditureAccepted;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.publicbudget.ledger.domain.project.api.commands.RecordExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A project revised hundreds of times is loaded from a snapshot, and is the same
 * project; the snapshot is taken off the request's thread; and a snapshot of another
 * shape than the aggregate's today is passed over.
 */
class SnapshotTest extends PostgresApiTest {

    private static final String INDICATOR = "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"补贴发放人数\",\"periodTarget\":\"100人\","
            + "\"annualTarget\":\"100人\"}";

    @Autowired
    private CommandGateway commands;

    @Autowired
    private JdbcTemplate database;

    @Autowired
    @Qualifier("projectsInMemory")
    private Cache projectsInMemory;

    @Autowired
    private ExecutorService snapshotThread;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aProjectLoadedFromItsSnapshotKeepsItsFiguresAndIndicators() {
        String id = projectWithIndicatorOne();
        ProjectBalance last = revise(id, 600);
        assertThat(last.version()).isEqualTo(601);
        awaitSnapshot(id);

        projectsInMemory.removeAll();
        Api.Response next = api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"600.5\",\"reason\":\"after the snapshot\"}", Map.of("If-Match", "\"601\""));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().get("total").asText()).isEqualTo("1149.04");
        assertThat(next.body().get("version").asLong()).isEqualTo(602);
        Api.Response taken = api.post(WRITER, "/api/v1/projects/" + id + "/indicators",
                "{\"no\":1,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"重复\"}");
        assertThat(taken.status()).as("the snapshot remembers indicator 1").isEqualTo(422);
    }

    /** Payments and results are part of what a snapshot must remember: what is spent, which vouchers paid, the results reported. */
    @Test
    void aProjectLoadedFromItsSnapshotRemembersItsPaymentsAndResults() {
        String id = projectWithIndicatorOne();
        String first = null;
        for (int i = 1; i <= AxonConfiguration.EVENTS_PER_SNAPSHOT; i++) {
            ExpenditureAccepted paid = commands.sendAndWait(new RecordExpenditure(id, "payment-" + i, FundingSource.FISCAL_APPROPRIATION,
                    new BigDecimal("2.00"), LocalDate.of(2025, 3, 1), "记-" + i, "补贴发放"));
            first = first == null ? paid.expenditureId() : first;
        }
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/indicators/1/results",
                "{\"actual\":\"98人\",\"reportedOn\":\"2025-07-01\",\"period\":\"MID_YEAR\",\"reason\":\"年中监控\"}").status())
                .isEqualTo(201);
        awaitSnapshot(id);

        projectsInMemory.removeAll();
        String payment = "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"%s\",\"paidOn\":\"2025-04-01\",\"voucherNo\":\"%s\","
                + "\"reason\":\"补贴发放\"}";
        Api.Response over = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", payment.formatted("48.55", "记-new"));
        assertThat(over.body().get("detail").asText()).as("500.00 of 548.54 is spent").contains("available balance of FISCAL_APPROPRIATION is 48.54");
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", payment.formatted("1.00", "记-7")).body().get("field").asText())
                .as("voucher 记-7 has paid").isEqualTo("voucherNo");
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/indicators/1/results",
                "{\"actual\":\"98人\",\"reportedOn\":\"2025-07-02\",\"period\":\"MID_YEAR\",\"reason\":\"again\"}").status())
                .as("the result is remembered").isEqualTo(422);
        Api.Response reversed = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/" + first + "/reversal",
                "{\"reversedOn\":\"2025-04-02\",\"voucherNo\":\"红-1\",\"reason\":\"冲销\"}");
        assertThat(reversed.status()).isEqualTo(200);
        assertThat(reversed.body().get("available").asText()).isEqualTo("50.54");
    }

    @Test
    void commandsDoNotWaitForASnapshot() throws Exception {
        String id = projectWithIndicatorOne();
        CountDownLatch release = new CountDownLatch(1);
        snapshotThread.submit(() -> {
            release.await();
            return null;
        });
        try {
            ProjectBalance last = revise(id, AxonConfiguration.EVENTS_PER_SNAPSHOT + 10);
            assertThat(last.version()).as("every command answered while the snapshot thread was held")
                    .isEqualTo(AxonConfiguration.EVENTS_PER_SNAPSHOT + 11);
            assertThat(snapshots(id)).as("no command took the snapshot itself").isZero();
        } finally {
            release.countDown();
        }
        awaitSnapshot(id);
    }

    /**
     * Here the stored snapshot says the project has an indicator 7, which no event ever
     * added. Of today's shape it is believed (that is what a snapshot is for); marked
     * as an older shape, it is passed over and the project rebuilt from its events.
     */
    @Test
    void aSnapshotOfAnOlderShapeIsPassedOverAndTheProjectRebuiltFromItsEvents() throws Exception {
        String id = projectWithIndicatorOne();
        revise(id, AxonConfiguration.EVENTS_PER_SNAPSHOT + 10);
        awaitSnapshot(id);
        assertThat(database.queryForObject("SELECT payloadRevision FROM snapshotevententry WHERE aggregateIdentifier = ?", String.class, id))
                .as("a snapshot records the shape it was taken in").isEqualTo("3");

        ObjectNode snapshot = (ObjectNode) json.readTree(database.queryForObject(
                "SELECT payload FROM snapshotevententry WHERE aggregateIdentifier = ?", byte[].class, id));
        ObjectNode seven = ((ObjectNode) snapshot.get("indicators").get("1")).deepCopy().put("no", 7);
        ((ObjectNode) snapshot.get("indicators")).set("7", seven);
        database.update("UPDATE snapshotevententry SET payload = ? WHERE aggregateIdentifier = ?", json.writeValueAsBytes(snapshot), id);
        String addSeven = "{\"no\":7,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"第七\"}";

        projectsInMemory.removeAll();
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/indicators", addSeven).status())
                .as("a snapshot of today's shape is read").isEqualTo(422);

        database.update("UPDATE snapshotevententry SET payloadRevision = '0' WHERE aggregateIdentifier = ?", id);
        projectsInMemory.removeAll();
        Api.Response added = api.post(WRITER, "/api/v1/projects/" + id + "/indicators", addSeven);
        assertThat(added.status()).as("rebuilt from its events, the project has no indicator 7: " + added.body()).isEqualTo(201);
        assertThat(added.body().get("version").asLong()).isEqualTo(AxonConfiguration.EVENTS_PER_SNAPSHOT + 12);
    }

    private String projectWithIndicatorOne() {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProject(id, "Snapshot " + id, 2025, "街道办事处", "社区两委干部补贴", "",
                Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("548.54"))));
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/indicators", INDICATOR).status()).isEqualTo(201);
        return id;
    }

    private ProjectBalance revise(String id, int times) {
        ProjectBalance last = null;
        for (int i = 1; i <= times; i++) {
            last = commands.sendAndWait(new ReviseAllocation(id, FundingSource.OTHER, new BigDecimal(i), "revision " + i, null));
        }
        return last;
    }

    private long snapshots(String id) {
        return database.queryForObject("SELECT COUNT(*) FROM snapshotevententry WHERE aggregateIdentifier = ?", Long.class, id);
    }

    private void awaitSnapshot(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(id) > 0);
    }
}
