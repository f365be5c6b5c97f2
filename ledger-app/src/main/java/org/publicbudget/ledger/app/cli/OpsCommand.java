package org.publicbudget.ledger.app.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.app.operations.ProcessorStatusReader;
import org.publicbudget.ledger.app.operations.Rebuild;
import org.publicbudget.ledger.app.operations.Rebuilds;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** The event processors: their state, and a rebuild of one followed to its end. */
final class OpsCommand {

    private static final int BAR = 30;

    private OpsCommand() {
    }

    @Command(name = "processors", mixinStandardHelpOptions = true,
            description = "Prints every event processor's state as GET /api/v1/ops/processors does: position, head, lag, segments "
                    + "and the node holding each.")
    static final class Processors extends LedgerTask {

        @Override
        int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
            ProcessorStatusReader processors = app.getBean(ProcessorStatusReader.class);
            List<Object> all = new ArrayList<>();
            processors.names().forEach(name -> all.add(processors.status(name, 0)));
            printJson(app, results, all);
            return 0;
        }

        @Override
        int remote(LedgerClient ledger, PrintWriter results) throws Exception {
            printJson(results, ledger.get("/api/v1/ops/processors"));
            return 0;
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Asks for a rebuild of a processor's read models (or follows the one under way), shows its progress on "
                    + "stderr and prints the finished rebuild. This process joins the nodes while it runs: if no server takes the "
                    + "rebuild on, it carries it out itself. Exit code 3 when the rebuild failed.")
    static final class RebuildReadModels extends LedgerTask {

        @Parameters(paramLabel = "PROCESSOR", description = "The event processor whose read models to rebuild: totals.")
        String processor;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept with the rebuild's record.")
        String reason;

        @Override
        int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
            ProcessorStatusReader processors = app.getBean(ProcessorStatusReader.class);
            if (!processors.exists(processor)) {
                throw new ParameterException(spec.commandLine(), "No event processor named " + processor + "; there are: "
                        + processors.names());
            }
            Rebuilds rebuilds = app.getBean(Rebuilds.class);
            String actor = "command line (" + System.getProperty("user.name") + ")";
            Optional<Rebuild> requested = rebuilds.request(processor, actor, reason);
            long id = requested.or(() -> rebuilds.active(processor)).orElseThrow().id();
            Rebuild done = follow(id, requested.isEmpty(), processor, rebuildId -> rebuilds.find(processor, rebuildId).orElseThrow(),
                    spec.commandLine().getErr());
            printJson(app, results, done);
            return done.state().equals("DONE") ? 0 : LedgerCommands.PROBLEM_FOUND;
        }

        @Override
        int remote(LedgerClient ledger, PrintWriter results) throws Exception {
            String at = "/api/v1/ops/processors/" + URLEncoder.encode(processor, StandardCharsets.UTF_8);
            long id;
            boolean underWay = false;
            try {
                id = ledger.post(at + "/rebuild", LedgerClient.JSON.createObjectNode().put("reason", reason).toString(),
                        "application/json").body().get("id").asLong();
            } catch (LedgerClient.Refused e) {
                if (e.status == 404) {
                    throw new ParameterException(spec.commandLine(), "No event processor named " + processor);
                }
                if (e.status != 409) {
                    throw e;
                }
                id = ledger.get(at).get("rebuild").get("id").asLong();
                underWay = true;
            }
            Rebuild done = follow(id, underWay, processor,
                    rebuildId -> LedgerClient.JSON.treeToValue(ledger.get(at + "/rebuilds/" + rebuildId), Rebuild.class),
                    spec.commandLine().getErr());
            printJson(results, LedgerClient.JSON.valueToTree(done));
            return done.state().equals("DONE") ? 0 : LedgerCommands.PROBLEM_FOUND;
        }
    }

    /** Reads a rebuild's record, wherever it is kept. */
    interface RebuildRecord {
        Rebuild find(long id) throws Exception;
    }

    private static Rebuild follow(long id, boolean underWay, String processor, RebuildRecord rebuilds, PrintWriter out) throws Exception {
        if (underWay) {
            out.println("A rebuild of " + processor + " is already under way; following it.");
        }
        boolean terminal = System.console() != null;
        long lastLine = 0;
        while (true) {
            Rebuild now = rebuilds.find(id);
            if (now.finished() || terminal || System.nanoTime() - lastLine > 2_000_000_000L) {
                out.print((terminal ? "\r" : "") + bar(now) + (terminal && !now.finished() ? "" : "\n"));
                out.flush();
                lastLine = System.nanoTime();
            }
            if (now.finished()) {
                return now;
            }
            Thread.sleep(250);
        }
    }

    /** {@code [##########..........]  33%  330,000/1,000,000 events  52,000/s  ETA 13 s  REPLAYING} */
    static String bar(Rebuild rebuild) {
        long total = Math.max(rebuild.eventsTotal(), rebuild.eventsDone());
        int percent = total == 0 ? (rebuild.finished() ? 100 : 0) : (int) (rebuild.eventsDone() * 100 / total);
        int filled = percent * BAR / 100;
        String eta = rebuild.etaSeconds() == null ? "" : "  ETA " + rebuild.etaSeconds() + " s";
        return String.format("[%s%s] %3d%%  %,d/%,d events  %,d/s%s  %-9s", "#".repeat(filled), ".".repeat(BAR - filled), percent,
                rebuild.eventsDone(), total, rebuild.eventsPerSecond(), eta, rebuild.state());
    }
}
