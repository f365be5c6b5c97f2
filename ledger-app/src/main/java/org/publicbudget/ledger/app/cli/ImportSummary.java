package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a folder of documents came to: every report (or why a document was refused) and
 * the sums — {@code {"documents": […], "summary": {"documents", "imported", "refused",
 * "projects", "indicators", "findingsByKind", "eventsAppended"}}}.
 */
final class ImportSummary {

    private final ArrayNode documents = LedgerClient.JSON.createArrayNode();
    private final Map<String, Integer> findingsByKind = new TreeMap<>();
    private int imported;
    private int refused;
    private int projects;
    private int indicators;
    private int eventsAppended;

    void imported(JsonNode report) {
        documents.add(report);
        imported++;
        projects += report.path("projects").asInt();
        indicators += report.path("indicators").asInt();
        eventsAppended += report.path("eventsAppended").asInt();
        report.path("findings").forEach(finding -> findingsByKind.merge(finding.path("kind").asText(), 1, Integer::sum));
    }

    void refused(String name, int status, String why) {
        ObjectNode document = documents.addObject();
        document.putObject("document").put("name", name);
        document.putObject("refused").put("status", status).put("detail", why);
        refused++;
    }

    boolean anyRefused() {
        return refused > 0;
    }

    JsonNode json() {
        ObjectNode all = LedgerClient.JSON.createObjectNode();
        all.set("documents", documents);
        ObjectNode summary = all.putObject("summary");
        summary.put("documents", imported + refused).put("imported", imported).put("refused", refused).put("projects", projects)
                .put("indicators", indicators).put("eventsAppended", eventsAppended);
        summary.set("findingsByKind", LedgerClient.JSON.valueToTree(findingsByKind));
        return all;
    }
}
