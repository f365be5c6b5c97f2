package org.publicbudget.ledger.app.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event feed as the systems that follow the ledger read it: over HTTP, a page at a
 * time and as a stream, resumed where they stopped, limited to what their account may see.
 */
class EventFeedTest extends PostgresApiTest {

    private static final String WAREHOUSE = TestDeployment.WAREHOUSE;
    private static final String PORTAL = TestDeployment.PORTAL;
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private JdbcTemplate database;

    private String project(String department, int fiscalYear, String name, String amount) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"%s","fiscalYear":%d,"unit":"街道办事处","name":"%s","allocations":{"FISCAL_APPROPRIATION":"%s","OTHER":"1.50"}}"""
                .formatted(department, fiscalYear, name, amount));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }

    private void revise(String project, String amount) {
        assertThat(api.post(WRITER, "/api/v1/projects/" + project + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + amount + "\",\"reason\":\"追加\"}").status()).isEqualTo(200);
    }

    /** Every page from {@code after} until the feed is complete up to {@code upTo}, following the Link headers. */
    private List<JsonNode> read(String user, String query, long after, long upTo, int limit) {
        List<JsonNode> events = new ArrayList<>();
        String next = "/api/v1/events?" + query + (query.isEmpty() ? "" : "&") + "limit=" + limit + "&after=" + after;
        while (true) {
            Api.Response page = api.get(user, next);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().get("events").forEach(events::add);
            String link = page.headers().firstValue("Link").orElseThrow();
            next = link.substring(1, link.indexOf('>'));
            if (page.body().get("events").isEmpty() && page.body().get("completeUpTo").asLong() >= upTo) {
                return events;
            }
        }
    }

    private long head() {
        Long head = database.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    @Test
    void aConsumerOfTheWholeFeedRebuildsEveryDepartmentsTotalsAsTheReadModelsShowThem() {
        int year = 2041;
        long start = head();
        String a = project("接续 甲局", year, "甲一", "10.00");
        String b = project("接续 甲局", year, "甲二", "20.25");
        String c = project("接续 乙局", year, "乙一", "7.00");
        revise(a, "12.50");
        revise(c, "3.10");
        revise(a, "11.00");

        List<JsonNode> events = read(WAREHOUSE, "fiscalYear=" + year, start, head(), 2);
        Map<String, BigDecimal> totals = new HashMap<>();
        for (JsonNode event : events) {
            JsonNode payload = event.get("payload");
            switch (event.get("type").asText()) {
                case "ProjectCreated" -> payload.get("allocations").forEach(amount ->
                        totals.merge(payload.get("departmentId").asText(), new BigDecimal(amount.asText()), BigDecimal::add));
                case "AllocationRevised" -> totals.merge(payload.get("departmentId").asText(),
                        new BigDecimal(payload.get("after").asText()).subtract(new BigDecimal(payload.get("before").asText())), BigDecimal::add);
                default -> { }
            }
            assertThat(event.get("chain").get("hash").asText()).hasSize(64);
            assertThat(event.get("metadata").get("actor").asText()).isEqualTo(WRITER);
        }
        assertThat(events).extracting(e -> e.get("aggregateId").asText()).contains(a, b, c);
        assertThat(totals).hasSize(2);
        totals.forEach((department, total) -> {
            Api.Response shown = api.get(AUDITOR, "/api/v1/departments/" + department + "?minPosition=" + head());
            assertThat(new BigDecimal(shown.body().get("computedTotal").asText())).as(department).isEqualByComparingTo(total);
        });
        assertThat(totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("38.85");
    }

    @Test
    void aConsumerStoppedAndResumedFromItsLastPositionMissesNothingAndSeesNothingTwice() {
        int year = 2042;
        long start = head();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            projects.add(project("续读局", year, "项目" + i, "1.00"));
        }
        long end = head();
        List<JsonNode> whole = read(AUDITOR, "", start, end, 1_000);

        Api.Response first = api.get(WAREHOUSE, "/api/v1/events?limit=3&after=" + start);
        List<Long> seen = new ArrayList<>();
        first.body().get("events").forEach(e -> seen.add(e.get("position").asLong()));
        // the consumer dies here; it kept the last position it processed
        long last = seen.get(seen.size() - 1);
        read(WAREHOUSE, "", last, end, 4).forEach(e -> seen.add(e.get("position").asLong()));

        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(whole.stream().map(e -> e.get("position").asLong()).toList());
        assertThat(whole).extracting(e -> e.get("aggregateId").asText()).containsAll(projects);
    }

    @Test
    void writersCommittingOutOfOrderNeverMakeTheFeedSkipAnEvent() throws Exception {
        long start = head();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            work.add(writers.submit(() -> {
                for (int n = 0; writing.get(); n++) {
                    project("乱序局", 2043, "写者" + writer + "-" + n, "1.00");
                }
                return null;
            }));
        }
        List<Long> seen = new ArrayList<>();
        long after = start;
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
            JsonNode page = api.get(WAREHOUSE, "/api/v1/events?limit=7&after=" + after).body();
            page.get("events").forEach(e -> seen.add(e.get("position").asLong()));
            after = page.get("next").asLong();
        }
        writing.set(false);
        for (Future<?> writer : work) {
            writer.get(1, TimeUnit.MINUTES);
        }
        writers.shutdown();
        read(WAREHOUSE, "", after, head(), 1_000).forEach(e -> seen.add(e.get("position").asLong()));

        List<Long> stored = database.queryForList("SELECT globalIndex FROM domainevententry WHERE globalIndex > ? ORDER BY globalIndex",
                Long.class, start);
        assertThat(stored).hasSizeGreaterThan(100);
        assertThat(seen).as("every event once, in store order").containsExactlyElementsOf(stored);
    }

    @Test
    void anAccountLimitedToADepartmentSeesOnlyItsEventsAndOtherRolesSeeNone() {
        int year = 2044;
        long start = head();
        String mine = project(TestDeployment.PORTAL_DEPARTMENT, year, "公开项目", "5.00");
        String other = project("别的局", year, "不公开项目", "5.00");

        List<JsonNode> portal = read(PORTAL, "", start, head(), 100);
        assertThat(portal).extracting(e -> e.get("aggregateId").asText()).contains(mine).doesNotContain(other);
        assertThat(portal).allMatch(e -> !e.get("aggregateId").asText().equals(other));
        List<JsonNode> warehouse = read(WAREHOUSE, "", start, head(), 100);
        assertThat(warehouse).extracting(e -> e.get("aggregateId").asText()).contains(mine, other);
        assertThat(read(WAREHOUSE, "type=AllocationRevised&aggregateId=" + mine, start, head(), 100)).isEmpty();
        assertThat(read(WAREHOUSE, "type=ProjectCreated&aggregateId=" + mine, start, head(), 100)).hasSize(1);

        assertThat(api.get(WRITER, "/api/v1/events").status()).isEqualTo(403);
        assertThat(api.get(OPERATOR, "/api/v1/events").status()).isEqualTo(403);
        assertThat(api.get(PORTAL, "/api/v1/departments").status()).as("a feed account reads the feed only").isEqualTo(403);
        assertThat(api.get(null, "/api/v1/events").status()).isEqualTo(401);
        Api.Response negative = api.get(AUDITOR, "/api/v1/events?after=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.contentType()).startsWith("application/problem+json");
        assertThat(api.get(AUDITOR, "/api/v1/events?limit=1001").status()).isEqualTo(400);
        assertThat(api.get(AUDITOR, "/api/v1/events?after=abc").status()).isEqualTo(400);
        Api.Response tooMany = api.get(AUDITOR, "/api/v1/events?" + "type=X&".repeat(101));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().toString()).contains("type");
        assertThat(read(PORTAL, "department=" + database.queryForObject("SELECT department_id FROM budget_project WHERE project_id = ?",
                String.class, other), start, head(), 100)).as("naming another department widens nothing").isEmpty();
    }

    @Test
    void theStreamSendsEachNewEventOnceWithItsPositionAsIdAndSaysItIsAliveWhileQuiet() throws Exception {
        long start = head();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(streamRequest(WAREHOUSE, start, null), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String created = project("直播局", 2045, "直播项目", "2.00");
        List<Long> ids = new ArrayList<>();
        Set<String> aggregates = new HashSet<>();
        boolean heartbeat = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String line;
            while (System.nanoTime() < until && (line = lines.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    ids.add(Long.parseLong(line.substring(4)));
                } else if (line.startsWith("data: ")) {
                    aggregates.add(json.readTree(line.substring(6)).get("aggregateId").asText());
                } else if (line.startsWith(": heartbeat")) {
                    heartbeat = true;
                }
                if (aggregates.contains(created) && heartbeat) {
                    break;
                }
            }
        }
        assertThat(aggregates).contains(created);
        assertThat(heartbeat).as("a comment line while nothing happens").isTrue();
        assertThat(ids).doesNotHaveDuplicates().isSorted().allMatch(id -> id > start);

        // resumed with Last-Event-ID: only what came after it
        long last = ids.get(ids.size() - 1);
        String later = project("直播局", 2045, "之后的项目", "2.00");
        HttpResponse<InputStream> resumed = http.send(streamRequest(WAREHOUSE, 0, last), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("id: ")) {
                // the opening comment
            }
            assertThat(Long.parseLong(line.substring(4))).isGreaterThan(last);
            assertThat(json.readTree(lines.readLine().substring(6)).get("aggregateId").asText()).isEqualTo(later);
        }
    }

    /** The connection's header deadline (3 s in tests) is for requests still arriving, not for a stream being sent. */
    @Test
    void aQuietStreamStaysOpenPastTheHeaderDeadline() throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(streamRequest(WAREHOUSE, head(), null),
                HttpResponse.BodyHandlers.ofInputStream());
        int heartbeats = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while (heartbeats < 6 && (line = lines.readLine()) != null) {
                if (line.startsWith(": heartbeat")) {
                    heartbeats++;
                }
            }
        }
        assertThat(heartbeats).as("a heartbeat a second for six seconds, the stream still open").isEqualTo(6);
    }

    @Test
    void anAccountMayFollowOnlySoManyStreamsAtOnce() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                HttpResponse<InputStream> stream = http.send(streamRequest(PORTAL, head(), null), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                open.add(stream);
            }
            HttpResponse<String> fifth = http.send(streamRequest(PORTAL, head(), null), HttpResponse.BodyHandlers.ofString());
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(fifth.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        } finally {
            for (HttpResponse<InputStream> stream : open) {
                stream.body().close();
            }
        }
    }

    private HttpRequest streamRequest(String user, long after, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/v1/events/stream?after=" + after))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestDeployment.PASSWORDS.get(user))
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        return request.GET().build();
    }
}
