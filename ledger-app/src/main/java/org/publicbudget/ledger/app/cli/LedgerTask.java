package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.publicbudget.ledger.app.LedgerApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * What every command shares: the ledger's own settings given as {@code --name=value}
 * (e.g. {@code --ledger.data-dir=…}, {@code --spring.datasource.url=…}), the application
 * started without its web server and without its log — on stderr with {@code --verbose} —
 * and the result written to stdout as JSON. A failure is told in one line on stderr.
 */
abstract class LedgerTask implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Option(names = "--verbose", description = "The application's log on stderr, and the stack trace of a failure.")
    boolean verbose;

    /** What to check before the application starts (a few seconds), so that a mistake is told at once. */
    void before() throws Exception {
    }

    /** The task itself, given the started application; what it returns is the exit code. */
    abstract int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception;

    @Override
    public final Integer call() throws Exception {
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                throw new ParameterException(spec.commandLine(), "Unknown argument '" + setting
                        + "': the ledger's settings go as --name=value; see --help");
            }
        }
        before();
        PrintStream stdout = System.out;
        // the log and anything else the application prints go to stderr; stdout carries the result alone
        System.setOut(System.err);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(verbose)
                .properties("ledger.seed.enabled=false", "logging.level.root=" + (verbose ? "INFO" : "OFF"))
                .run(settings.toArray(String[]::new))) {
            return run(app, spec.commandLine().getOut());
        } catch (RuntimeException e) {
            if (heldByAnotherProcess(e)) {
                spec.commandLine().getErr().println("The embedded database is in use by a running ledger: stop it first, or ask "
                        + "the running ledger over its API (see --help).");
                return LedgerCommands.DATABASE_HELD;
            }
            throw e;
        } finally {
            System.setOut(stdout);
        }
    }

    static void printJson(ConfigurableApplicationContext app, PrintWriter results, Object value) throws Exception {
        results.println(app.getBean(ObjectMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(value));
        results.flush();
    }

    /** H2's "database may be already in use" (90020): the file is locked by a process that opened it alone. */
    private static boolean heldByAnotherProcess(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }
}
