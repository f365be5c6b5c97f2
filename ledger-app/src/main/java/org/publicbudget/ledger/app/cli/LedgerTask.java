package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
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
 * What every command shares. Either it asks a running ledger over its API
 * ({@code --ledger=URL}), or it opens the database itself: then it takes the ledger's
 * own settings given as {@code --name=value}
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

    @Option(names = "--ledger", paramLabel = "URL", description = "Ask the ledger running at this address (e.g. http://localhost:8080) "
            + "over its API instead of opening its database: starts in about a second, and works beside a running embedded ledger.")
    URI ledger;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:LEDGER_USER}",
            description = "With --ledger: the account to sign in as (default: $LEDGER_USER). import needs a LEDGER_WRITER, the other "
                    + "commands an OPERATOR.")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", arity = "0..1", interactive = true, defaultValue = "${env:LEDGER_PASSWORD}",
            description = "With --ledger: its password (default: $LEDGER_PASSWORD; --password alone asks for it).")
    String password;

    /** What to check before the application starts (a few seconds), so that a mistake is told at once. */
    void before() throws Exception {
    }

    /** The task itself, given the started application; what it returns is the exit code. */
    abstract int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception;

    /** The same task asked of a running ledger over its API. */
    abstract int remote(LedgerClient ledger, PrintWriter results) throws Exception;

    @Override
    public final Integer call() throws Exception {
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                throw new ParameterException(spec.commandLine(), "Unknown argument '" + setting
                        + "': the ledger's settings go as --name=value; see --help");
            }
        }
        before();
        if (ledger != null) {
            return remote();
        }
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
                spec.commandLine().getErr().println("The embedded database is in use by a running ledger: stop it first, or give "
                        + "the command its address, e.g. --ledger=http://localhost:8080 --user=operator.");
                return LedgerCommands.DATABASE_HELD;
            }
            throw e;
        } finally {
            System.setOut(stdout);
        }
    }

    private int remote() throws Exception {
        if (!settings.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Settings such as " + settings.get(0) + " are for the database; with --ledger "
                    + "the running ledger uses its own");
        }
        if ("http".equalsIgnoreCase(ledger.getScheme()) && !loopback(ledger.getHost())) {
            throw new ParameterException(spec.commandLine(), "--ledger=" + ledger + " would send the password in clear across the network; "
                    + "use https:// (plain http only to this machine)");
        }
        if (user == null || password == null) {
            throw new ParameterException(spec.commandLine(), "--ledger needs --user and a password (--password, or $LEDGER_USER and "
                    + "$LEDGER_PASSWORD)");
        }
        return remote(new LedgerClient(ledger, user, password), spec.commandLine().getOut());
    }

    private static boolean loopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    static void printJson(PrintWriter results, JsonNode value) throws IOException {
        results.println(LedgerClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        results.flush();
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
