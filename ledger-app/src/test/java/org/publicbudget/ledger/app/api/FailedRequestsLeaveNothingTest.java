package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.ConnectionsHeld;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each request is one unit of work on one connection: when it fails after some of its
 * commands succeeded — a transfer whose receiving side is refused, an import that
 * meets a project it may not touch — or when it is a dry run, nothing it did remains:
 * no event, no record of its Idempotency-Key, no project in memory.
 */
@Import(ConnectionsHeld.Counting.class)
class FailedRequestsLeaveNothingTest extends PostgresApiTest {

    private static final String REQUEST_THREADS = "http-nio-";

    @Autowired
    private JdbcTemplate database;

    @Autowired
    private DataSource dataSource;

    @Autowired
    @Qualifier("projectsInMemory")
    private Cache projectsInMemory;

    private ConnectionsHeld connections;

    @BeforeEach
    void count() {
        connections = (ConnectionsHeld) dataSource;
    }

    @Test
    void aTransferWhoseReceivingSideIsRefused() {
        String[] ids = {create("调剂甲", "100.00"), create("调剂乙", "100.00")};
        Arrays.sort(ids);
        String giver = ids[0];
        String withdrawn = ids[1];
        assertThat(api.post(WRITER, "/api/v1/projects/" + withdrawn + "/withdrawal", "{\"reason\":\"撤销\"}").status()).isEqualTo(200);
        long eventsBefore = eventsOf(ids);

        connections.reset();
        // the giving side sorts first: its event is appended before the receiving side is refused
        Api.Response refused = api.post(WRITER, "/api/v1/transfers", "{\"fromProjectId\":\"" + giver + "\",\"toProjectId\":\"" + withdrawn
                + "\",\"fundingSource\":\"OTHER\",\"amount\":\"40.00\",\"reason\":\"调剂\"}", Map.of("Idempotency-Key", "failed-transfer"));

        assertThat(refused.status()).isEqualTo(422);
        assertLeftNothing("failed-transfer", eventsBefore, ids);
    }

    @Test
    void anImportThatMeetsAWithdrawnProject() {
        JsonNode first = importSeed(2041, false, "first-import");
        assertThat(first.get("dryRun").asBoolean()).isFalse();
        String[] ids = projectIds(first);
        String revised = ids[0];
        String withdrawn = ids[ids.length - 1];
        assertThat(api.post(WRITER, "/api/v1/projects/" + revised + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"1.00\",\"reason\":\"待导入更正\"}").status()).isEqualTo(200);
        assertThat(api.post(WRITER, "/api/v1/projects/" + withdrawn + "/withdrawal", "{\"reason\":\"撤销\"}").status()).isEqualTo(200);
        long eventsBefore = eventsOf(ids);

        connections.reset();
        // the import sets the first project's allocation back, then is refused at the withdrawn one
        Api.Response refused = api.postText(WRITER, "/api/v1/imports?fiscalYear=2041&documentName=" + Seed.NAME, Seed.text(),
                Map.of("Idempotency-Key", "failed-import"));

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().get("detail").asText()).contains("withdrawn");
        assertLeftNothing("failed-import", eventsBefore, ids);
    }

    @Test
    void aDryRunImport() {
        connections.reset();
        JsonNode report = importSeed(2042, true, "dry-run");

        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("eventsAppended").asInt()).as("the events it would append").isPositive();
        String[] ids = projectIds(report);
        List<String> streams = new ArrayList<>(List.of(ids));
        streams.add(report.get("departmentId").asText());
        assertLeftNothing("dry-run", 0, streams.toArray(String[]::new));
    }

    private void assertLeftNothing(String idempotencyKey, long eventsBefore, String... streams) {
        assertThat(eventsOf(streams)).as("events").isEqualTo(eventsBefore);
        assertThat(database.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE idempotency_key = ?", Long.class,
                idempotencyKey)).as("record of the key").isZero();
        for (String stream : streams) {
            assertThat(projectsInMemory.containsKey(stream)).as("project " + stream + " in memory").isFalse();
        }
        assertThat(connections.mostHeldAtOnceBy(REQUEST_THREADS)).as("connections held at once by the request").isEqualTo(1);
    }

    private long eventsOf(String... streams) {
        return database.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateIdentifier = ANY (?)", Long.class,
                (Object) streams);
    }

    private JsonNode importSeed(int fiscalYear, boolean dryRun, String idempotencyKey) {
        Api.Response imported = api.postText(WRITER, "/api/v1/imports?detail=true&dryRun=" + dryRun + "&fiscalYear=" + fiscalYear
                + "&documentName=" + Seed.NAME, Seed.text(), Map.of("Idempotency-Key", idempotencyKey));
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        return imported.body();
    }

    private static String[] projectIds(JsonNode report) {
        return report.get("extracted").get("units").findValues("projects").stream().flatMap(projects -> projects.findValuesAsText("projectId")
                .stream()).toArray(String[]::new);
    }

    private String create(String name, String amount) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"一次一事","fiscalYear":2025,"unit":"街道办事处","name":"%s","allocations":{"OTHER":"%s"}}"""
                .formatted(name, amount));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }
}
