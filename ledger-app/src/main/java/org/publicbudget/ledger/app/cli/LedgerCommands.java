package org.publicbudget.ledger.app.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The operators' command line: {@code java -jar ledger-app.jar COMMAND}. Results go to
 * stdout as JSON and nothing else does (pipe it to jq); the application's log, progress
 * and errors go to stderr. Every command has {@code --help}.
 */
@Command(name = "java -jar ledger-app.jar", mixinStandardHelpOptions = true, version = "budget ledger",
        description = "Without a command: runs the ledger (the HTTP API, the projections and the event store). "
                + "With one: runs an operator's task against the database the ledger is configured for, or, given --ledger=URL, "
                + "asks the ledger running there.",
        subcommands = {ImportCommand.class, ProofCommand.Verify.class, ProofCommand.Checkpoint.class, OpsCommand.Processors.class,
            OpsCommand.RebuildReadModels.class, FollowCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done",
            " 1:failed: a file that cannot be read, a database that does not answer, anything unexpected (one line on stderr; "
                    + "--verbose shows more)",
            " 2:the command line is wrong: an unknown command or option, a value of the wrong kind",
            " 3:the task found a problem: not a budget table (import), a broken chain or read models that differ (verify), "
                    + "a failed rebuild (rebuild)",
            " 4:the embedded database is in use by a running ledger, which holds its file alone: stop the ledger, or give the "
                    + "command the ledger's address (--ledger=http://localhost:8080) to ask it over its API; on PostgreSQL the commands "
                    + "run alongside the nodes"})
public final class LedgerCommands {

    public static final int FAILED = 1;
    public static final int PROBLEM_FOUND = 3;
    public static final int DATABASE_HELD = 4;

    /** The options of the command line itself; its commands' names come from the subcommands above. */
    private static final Set<String> OWN_OPTIONS = Set.of("--help", "-h", "--version", "-V");

    private LedgerCommands() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0
                && (OWN_OPTIONS.contains(args[0]) || new CommandLine(new LedgerCommands()).getSubcommands().containsKey(args[0]));
    }

    /** Runs the command {@code args} name, on this process's stdout and stderr, and returns its exit code. */
    public static int execute(String... args) {
        // UTF-8 whatever the machine's locale: the reports are full of Chinese
        return execute(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** The same, with the result written to {@code out} and progress and errors to {@code err}. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new LedgerCommands()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            // Spring wraps the reason in layers of beans that could not be made: the innermost one is the operator's
            command.getErr().println(e instanceof IOException ? e.getMessage() : "Failed: " + cause.getMessage()
                    + " (--verbose shows more)");
            if (command.getCommand() instanceof LedgerTask task && task.verbose) {
                e.printStackTrace(command.getErr());
            }
            return FAILED;
        });
        return commandLine.execute(args);
    }
}
