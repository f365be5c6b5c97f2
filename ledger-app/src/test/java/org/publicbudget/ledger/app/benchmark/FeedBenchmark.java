package org.publicbudget.ledger.app.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.SyntheticBudgets;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * The event feed read whole from outside the ledger's JVM — a warehouse loading every
 * event, at 1,000,000 events by default — in pages of 1,000 and as one Server-Sent
 * Events stream, against PostgreSQL's own limit for the same rows: a plain SQL read of
 * the event table with its chain hashes, streamed by JDBC into this JVM.
 *
 * <p>On demand: {@code ./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=FeedBenchmark}
 * ({@code -Dbenchmark.events=100000}).
 */
class FeedBenchmark {

    private static final String AUDITOR = TestDeployment.AUDITOR;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFeedAgainstAPlainReadOfTheEventTable() throws Exception {
        long wanted = Long.getLong("benchmark.events", 1_000_000);
        TestPostgres.Database database = TestPostgres.freshSchema();
        SyntheticBudgets.fill(database, (int) (wanted / 20), 20);
        LedgerProcess node = new LedgerProcess(database, "feed").heap("-Xmx1g").start(Duration.ofHours(1));
        try {
            long[] sql = sqlRead(database);
            long[] pages = pagedRead(node.api());
            long[] stream = streamRead(node.port(), sql[0]);
            System.out.printf("%nFEED %,d events read whole from outside the ledger's JVM%n", sql[0]);
            System.out.printf("  plain SQL read of the event table (JDBC, fetch 5,000): %,9d events/s%n", rate(sql));
            System.out.printf("  GET /api/v1/events, pages of 1,000:                  %,9d events/s (%.2f of SQL)%n", rate(pages),
                    (double) rate(pages) / rate(sql));
            System.out.printf("  GET /api/v1/events/stream (Server-Sent Events):      %,9d events/s (%.2f of SQL)%n", rate(stream),
                    (double) rate(stream) / rate(sql));
        } finally {
            node.stop();
        }
    }

    /** Events read and the nanoseconds it took. */
    private static long[] sqlRead(TestPostgres.Database database) throws Exception {
        long started = System.nanoTime();
        long events = 0;
        long bytes = 0;
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            connection.setAutoCommit(false);
            try (PreparedStatement read = connection.prepareStatement("SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, "
                    + "e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData, c.hash, c.previous_hash "
                    + "FROM domainevententry e LEFT JOIN event_chain c ON c.event_identifier = e.eventIdentifier ORDER BY e.globalIndex")) {
                read.setFetchSize(5_000);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        events++;
                        bytes += rows.getBytes(9).length + rows.getString(11).length();
                    }
                }
            }
        }
        return new long[] {events, System.nanoTime() - started, bytes};
    }

    private static long[] pagedRead(Api api) {
        long started = System.nanoTime();
        long events = 0;
        long after = 0;
        while (true) {
            JsonNode page = api.get(AUDITOR, "/api/v1/events?limit=1000&after=" + after).body();
            events += page.get("events").size();
            if (page.get("events").isEmpty()) {
                return new long[] {events, System.nanoTime() - started};
            }
            after = page.get("next").asLong();
        }
    }

    private static long[] streamRead(int port, long expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events/stream?after=0"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((AUDITOR + ":"
                        + TestDeployment.PASSWORDS.get(AUDITOR)).getBytes(StandardCharsets.UTF_8))).GET().build();
        long started = System.nanoTime();
        long events = 0;
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (events < expected && (line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    // parsed, as the pages are: a consumer reads each event, not just counts lines
                    JSON.readTree(line.substring(6));
                    events++;
                }
            }
        }
        return new long[] {events, System.nanoTime() - started};
    }

    private static long rate(long[] read) {
        return Math.round(read[0] / (read[1] / 1e9));
    }
}
