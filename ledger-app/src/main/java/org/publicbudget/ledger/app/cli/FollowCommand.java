package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.publicbudget.ledger.query.proof.EventHash;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The reference consumer of the event feed: follows {@code GET /api/v1/events/stream}
 * of a running ledger and prints each event as one line of JSON (NDJSON), resuming
 * after the last one printed whenever the connection drops. With {@code --verify} it
 * recomputes each event's chain hash from what the feed gives and checks that each
 * follows the one before it in its stream, and stops at the first that does not.
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Follows a running ledger's events (--ledger=URL, a FEED or AUDITOR account) and prints each as one line of JSON, "
                + "for as long as it runs. Exit code 3 with --verify when an event does not match its chain hash.")
final class FollowCommand extends LedgerTask {

    @Option(names = "--after", paramLabel = "POSITION", defaultValue = "0", description = "Start after this position (default: from the first event).")
    long after;

    @Option(names = "--department", paramLabel = "ID", description = "Only this department's events (its id; may be repeated).")
    List<String> departments = new ArrayList<>();

    @Option(names = "--fiscal-year", paramLabel = "YEAR", description = "Only the events of this fiscal year's departments.")
    Integer fiscalYear;

    @Option(names = "--type", paramLabel = "NAME", description = "Only events of this type (its stable name; may be repeated).")
    List<String> types = new ArrayList<>();

    @Option(names = "--verify", description = "Recompute every event's chain hash; stop with exit code 3 at the first that does not match.")
    boolean verify;

    private final Map<String, String> lastHash = new HashMap<>();
    private final Map<String, Long> lastSequence = new HashMap<>();

    @Override
    int run(ConfigurableApplicationContext app, PrintWriter results) {
        throw new ParameterException(spec.commandLine(), "follow reads a running ledger's feed: give its address with --ledger=URL");
    }

    @Override
    int remote(LedgerClient ledger, PrintWriter results) throws Exception {
        long position = after;
        while (true) {
            try (Stream<String> lines = ledger.lines(path(position), position > 0 ? Long.toString(position) : null)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (!line.startsWith("data: ")) {
                        continue;
                    }
                    JsonNode event = LedgerClient.JSON.readTree(line.substring(6));
                    if (verify) {
                        String problem = problem(event);
                        if (problem != null) {
                            results.flush();
                            spec.commandLine().getErr().println(problem);
                            return LedgerCommands.PROBLEM_FOUND;
                        }
                    }
                    results.println(LedgerClient.JSON.writeValueAsString(event));
                    results.flush();
                    position = event.get("position").asLong();
                }
            } catch (LedgerClient.Refused refused) {
                throw refused;
            } catch (IOException | java.io.UncheckedIOException e) {
                spec.commandLine().getErr().println("The connection ended (" + e.getMessage() + "); resuming after " + position);
            }
            Thread.sleep(1_000);
        }
    }

    private String path(long position) {
        StringBuilder path = new StringBuilder("/api/v1/events/stream?after=" + position);
        departments.forEach(d -> path.append("&department=").append(URLEncoder.encode(d, StandardCharsets.UTF_8)));
        types.forEach(t -> path.append("&type=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
        if (fiscalYear != null) {
            path.append("&fiscalYear=").append(fiscalYear);
        }
        return path.toString();
    }

    /** What is wrong with the event's place in the chain; null when nothing is. */
    private String problem(JsonNode event) {
        long position = event.get("position").asLong();
        String stream = event.get("aggregateId").asText();
        long sequence = event.get("sequence").asLong();
        JsonNode chain = event.get("chain");
        if (chain == null || chain.isNull()) {
            return "The event at position " + position + " carries no chain hash";
        }
        String recomputed = EventHash.of(chain.get("previousHash").asText(), stream, sequence, event.get("eventId").asText(),
                chain.get("storedType").asText(), chain.hasNonNull("storedRevision") ? chain.get("storedRevision").asText() : null,
                event.get("timestamp").asText(), chain.get("payloadSha256").asText(), chain.get("metadataSha256").asText());
        if (!recomputed.equals(chain.get("hash").asText())) {
            return "The event at position " + position + " (" + stream + " #" + sequence + ") no longer matches the hash written with it";
        }
        boolean first = sequence == 0;
        if (first && !chain.get("previousHash").asText().equals(EventHash.GENESIS)
                || !first && Long.valueOf(sequence - 1).equals(lastSequence.get(stream))
                        && !lastHash.get(stream).equals(chain.get("previousHash").asText())) {
            return "The event at position " + position + " (" + stream + " #" + sequence + ") does not follow the event before it in its stream";
        }
        lastHash.put(stream, chain.get("hash").asText());
        lastSequence.put(stream, sequence);
        return null;
    }
}
