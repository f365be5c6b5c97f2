package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.app.LedgerApplication;
import org.publicbudget.ledger.app.ops.ProcessorStatusReader;
import org.publicbudget.ledger.app.ops.Rebuild;
import org.publicbudget.ledger.app.ops.Rebuilds;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ledger-app.jar processors} prints every event processor's state,
 * as {@code GET /api/v1/ops/processors} does.
 * {@code java -jar ledger-app.jar rebuild totals [--reason=TEXT]} asks for a rebuild
 * (or follows the one under way) and shows its progress until it ends. This process
 * joins the nodes for as long as it runs: if no server takes the rebuild on, it
 * carries it out itself. Exit code 0 when the rebuilt copy matches the events, 3
 * when the rebuild failed.
 */
public final class OpsCommand {

    private static final int BAR = 30;

    private OpsCommand() {
    }

    public static int run(String[] args) {
        List<String> springArgs = new ArrayList<>(List.of("--ledger.seed.enabled=false"));
        String reason = null;
        String processor = null;
        for (String arg : args) {
            if (arg.startsWith("--reason=")) {
                reason = arg.substring("--reason=".length());
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else if (!arg.equals(args[0])) {
                processor = arg;
            }
        }
        boolean rebuild = args[0].equals("rebuild");
        if (rebuild && processor == null) {
            System.err.println("usage: java -jar ledger-app.jar rebuild PROCESSOR [--reason=TEXT]   (PROCESSOR: totals)");
            return 2;
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            ProcessorStatusReader processors = app.getBean(ProcessorStatusReader.class);
            ObjectMapper json = app.getBean(ObjectMapper.class);
            if (!rebuild) {
                List<Object> all = new ArrayList<>();
                processors.names().forEach(name -> all.add(processors.status(name, 0)));
                System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(all));
                return 0;
            }
            if (!processors.exists(processor)) {
                System.err.println("no event processor named " + processor + "; there are: " + processors.names());
                return 2;
            }
            Rebuild done = follow(app.getBean(Rebuilds.class), processor, reason);
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(done));
            return done.state().equals("DONE") ? 0 : 3;
        } catch (IOException | InterruptedException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static Rebuild follow(Rebuilds rebuilds, String processor, String reason) throws InterruptedException {
        String actor = "command line (" + System.getProperty("user.name") + ")";
        Optional<Rebuild> requested = rebuilds.request(processor, actor, reason);
        long id = requested.or(() -> rebuilds.active(processor)).orElseThrow().id();
        PrintStream out = System.err;
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
