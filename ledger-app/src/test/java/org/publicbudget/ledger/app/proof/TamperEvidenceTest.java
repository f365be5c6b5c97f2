package org.publicbudget.ledger.app.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.FullVerification;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.query.proof.EventHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Someone with write access to the database edits history behind the ledger's back.
 * An auditor's verification finds what was done to events since the last verification;
 * an operator's full verification names every event altered, deleted or reordered,
 * every figure that no longer matches, and a rewrite that even recomputed the chain.
 */
class TamperEvidenceTest extends PostgresApiTest {

    @Autowired
    private JdbcTemplate database;

    @Autowired
    private PlatformTransactionManager transactions;

    private String project(String name) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"Tamper %s","fiscalYear":2025,"unit":"街道办事处","name":"%s","allocations":{"FISCAL_APPROPRIATION":"10.00"}}"""
                .formatted(UUID.randomUUID(), name));
        String id = created.body().get("projectId").asText();
        long position = 0;
        for (String amount : new String[] {"11.00", "12.00", "13.00"}) {
            Api.Response revised = api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                    "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + amount + "\",\"reason\":\"追加\"}");
            assertThat(revised.status()).isEqualTo(200);
            position = revised.body().get("position").asLong();
        }
        // projected before anything is edited: an edit of a row the projection has yet to write would be overwritten
        String trail = "/api/v1/projects/" + id + "/trail?minPosition=" + position;
        await().atMost(Duration.ofMinutes(1)).until(() -> api.get(AUDITOR, trail).status() == 200);
        return id;
    }

    private JsonNode verify() {
        Api.Response report = api.get(AUDITOR, "/api/v1/verify");
        assertThat(report.status()).isEqualTo(200);
        return report.body();
    }

    private JsonNode verifyAll() {
        return FullVerification.run(api, OPERATOR);
    }

    private static boolean names(JsonNode report, String kind, String aggregateId, long sequence) {
        for (JsonNode problem : report.get("problems")) {
            if (problem.get("kind").asText().equals(kind) && problem.get("aggregateId").asText().equals(aggregateId)
                    && problem.get("sequence").asLong() == sequence) {
                return true;
            }
        }
        return false;
    }

    private String eventId(String aggregateId, long sequence) {
        return database.queryForObject("SELECT eventIdentifier FROM domainevententry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                String.class, aggregateId, sequence);
    }

    @Test
    void verificationNamesEveryKindOfTampering() {
        String altered = project("编外人员聘用经费");
        String deleted = project("办公场地租赁费");
        String reordered = project("家庭综合服务中心经费");
        String rewritten = project("帮扶工作经费");
        String misread = project("基层武装相关工作经费");

        JsonNode clean = verifyAll();
        assertThat(clean.get("chainIntact").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.get("readModelsMatch").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(clean.get("streamsChecked").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(api.post(OPERATOR, "/api/v1/ops/checkpoints", "").status()).isEqualTo(201);

        // an amount changed in place
        String payload = new String(database.queryForObject("SELECT payload FROM domainevententry WHERE eventIdentifier = ?",
                byte[].class, eventId(altered, 2)), StandardCharsets.UTF_8);
        database.update("UPDATE domainevententry SET payload = ? WHERE eventIdentifier = ?",
                payload.replace("12.00", "92.00").getBytes(StandardCharsets.UTF_8), eventId(altered, 2));
        // a revision removed
        database.update("DELETE FROM domainevententry WHERE eventIdentifier = ?", eventId(deleted, 1));
        // two revisions swapped
        String first = eventId(reordered, 1);
        String second = eventId(reordered, 2);
        database.update("UPDATE domainevententry SET sequenceNumber = -1 WHERE eventIdentifier = ?", first);
        database.update("UPDATE domainevententry SET sequenceNumber = 1 WHERE eventIdentifier = ?", second);
        database.update("UPDATE domainevententry SET sequenceNumber = 2 WHERE eventIdentifier = ?", first);
        // the last revision changed, and its chain hash recomputed to match: only the checkpoint can tell
        String last = eventId(rewritten, 3);
        byte[] forged = new String(database.queryForObject("SELECT payload FROM domainevententry WHERE eventIdentifier = ?",
                byte[].class, last), StandardCharsets.UTF_8).replace("13.00", "3.00").getBytes(StandardCharsets.UTF_8);
        database.update("UPDATE domainevententry SET payload = ? WHERE eventIdentifier = ?", forged, last);
        EventHash.StoredEvent stored = database.queryForObject("SELECT globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier, "
                        + "payloadType, payloadRevision, timeStamp, payload, metaData FROM domainevententry WHERE eventIdentifier = ?",
                (rs, i) -> new EventHash.StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)), last);
        String previous = database.queryForObject("SELECT previous_hash FROM event_chain WHERE event_identifier = ?", String.class, last);
        database.update("UPDATE event_chain SET hash = ? WHERE event_identifier = ?", EventHash.of(previous, stored), last);
        // a read model figure edited
        assertThat(database.update("UPDATE budget_project SET amount_fiscal_appropriation = 1 WHERE project_id = ?", misread)).isEqualTo(1);

        assertThat(verify().get("chainIntact").asBoolean()).as("all of it was verified before it was edited").isTrue();
        JsonNode report = verifyAll();
        assertThat(report.get("chainIntact").asBoolean()).isFalse();
        assertThat(report.get("readModelsMatch").asBoolean()).isFalse();
        assertThat(names(report, "ALTERED", altered, 2)).as(report.toString()).isTrue();
        assertThat(names(report, "DELETED", deleted, 1)).as(report.toString()).isTrue();
        assertThat(names(report, "REORDERED", reordered, 1) && names(report, "REORDERED", reordered, 2)).as(report.toString()).isTrue();
        assertThat(names(report, "ALTERED", rewritten, 3)).as("the recomputed hash hides it from the chain").isFalse();
        assertThat(report.get("problems").findValuesAsText("kind")).contains("CHECKPOINT_MISMATCH");
        assertThat(report.get("problems").findValuesAsText("aggregateId")).contains(misread);
        assertThat(verify().get("problems").findValuesAsText("kind")).as("what the full verification found stays reported")
                .contains("ALTERED", "DELETED", "REORDERED", "CHECKPOINT_MISMATCH", "READ_MODEL_MISMATCH");
    }

    /**
     * Bytes that no longer read as their event: each named where it stands, and the job
     * goes on to its end. The bytes are put back afterwards, so that the other tests'
     * verifications of this shared store see only their own tampering.
     */
    @Test
    void anEventThatNoLongerReadsAsItsTypeIsNamedAndTheJobGoesOn() {
        String renamed = project("社区矫正工作经费");
        String garbled = project("民兵训练经费");
        Map<String, byte[]> original = new HashMap<>();
        for (String event : List.of(eventId(renamed, 2), eventId(garbled, 1))) {
            original.put(event, database.queryForObject("SELECT payload FROM domainevententry WHERE eventIdentifier = ?", byte[].class, event));
        }
        String payload = new String(original.get(eventId(renamed, 2)), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"fundingSource\"");
        try {
            database.update("UPDATE domainevententry SET payload = ? WHERE eventIdentifier = ?",
                    payload.replace("\"fundingSource\"", "\"fundingS0urce\"").getBytes(StandardCharsets.UTF_8), eventId(renamed, 2));
            database.update("UPDATE domainevententry SET payload = ? WHERE eventIdentifier = ?", new byte[] {(byte) 0xFF, 0, '{'},
                    eventId(garbled, 1));

            JsonNode report = verifyAll();

            assertThat(report.get("chainIntact").asBoolean()).isFalse();
            assertThat(names(report, "ALTERED", renamed, 2)).as(report.toString()).isTrue();
            assertThat(names(report, "ALTERED", garbled, 1)).as(report.toString()).isTrue();
            assertThat(report.get("readModelsMatch").asBoolean()).isFalse();
            assertThat(report.get("problems").findValuesAsText("kind")).as(report.toString()).contains("UNREADABLE_EVENT");
        } finally {
            original.forEach((event, bytes) -> database.update("UPDATE domainevententry SET payload = ? WHERE eventIdentifier = ?", bytes,
                    event));
        }
    }

    /**
     * Events written after the last verification and edited before the next: the scheduled
     * check finds them, the auditor reads it. The verification's state row is held locked
     * while they are written and edited, as a scheduled step would otherwise race the edits.
     */
    @Test
    void theScheduledVerificationFindsWhatWasDoneSinceTheLastOne() throws InterruptedException {
        long verifiedBefore = verify().get("verifiedUpTo").asLong();
        String[] projects = new TransactionTemplate(transactions).execute(status -> {
            database.queryForObject("SELECT id FROM verification_state WHERE id = 1 FOR UPDATE", Integer.class);
            String altered = project("社区治理经费");
            String deleted = project("网格化管理经费");
            String payload = new String(database.queryForObject("SELECT payload FROM domainevententry WHERE eventIdentifier = ?",
                    byte[].class, eventId(altered, 1)), StandardCharsets.UTF_8);
            database.update("UPDATE domainevententry SET payload = ? WHERE eventIdentifier = ?",
                    payload.replace("11.00", "91.00").getBytes(StandardCharsets.UTF_8), eventId(altered, 1));
            database.update("DELETE FROM domainevententry WHERE eventIdentifier = ?", eventId(deleted, 2));
            return new String[] {altered, deleted};
        });
        String altered = projects[0];
        String deleted = projects[1];

        JsonNode report = verify();
        for (int i = 0; i < 300 && !names(report, "DELETED", deleted, 2); i++) {
            Thread.sleep(100);
            report = verify();
        }
        assertThat(report.get("checkedNow").asLong()).as("a read checks nothing itself").isZero();
        assertThat(report.get("verifiedUpTo").asLong()).as(report.toString()).isGreaterThanOrEqualTo(verifiedBefore + 7);
        assertThat(report.get("chainIntact").asBoolean()).isFalse();
        assertThat(names(report, "ALTERED", altered, 1)).as(report.toString()).isTrue();
        assertThat(names(report, "DELETED", deleted, 2)).as(report.toString()).isTrue();
        JsonNode again = verify();
        assertThat(again.get("problems").findValuesAsText("message").stream().filter(m -> m.contains(deleted)))
                .as("found once, reported until a full verification says otherwise").hasSize(1);
    }
}
