package org.publicbudget.ledger.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.app.ops.ProcessorStatusReader;
import org.publicbudget.ledger.app.ops.Rebuild;
import org.publicbudget.ledger.app.ops.Rebuilds;
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
            Rebuild done = follow(app.getBean(Rebuilds.class), processor, reason, spec.commandLine().getErr());
            printJson(app, results, done);
            return done.state().equals("DONE") ? 0 : LedgerCommands.PROBLEM_FOUND;
        }
    }

    private static Rebuild follow(Rebuilds rebuilds, String processor, String reason, PrintWriter out) throws InterruptedException {
        String actor = "command line (" + System.getProperty("user.name") + ")";
        Optional<Rebuild> requested = rebuilds.request(processor, actor, reason);
        long id = requested.or(() -> rebuilds.active(processor)).orElseThrow().id();
        if (requested.isEmpty()) {
            out.println("A rebuild of " + processor + " is already under way; following it.");
        }
        boolean terminal = System.console() != null;
        long lastLine = 0;
        while (true) {
            Rebuild now = rebuilds.find(processor, id).orElseThrow();
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
