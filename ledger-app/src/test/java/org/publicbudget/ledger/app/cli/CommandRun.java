package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One command run in this JVM as {@code java -jar ledger-app.jar ARGS} runs it: its exit
 * code, what it wrote as its result and what it wrote as progress and errors. (Other
 * tests' applications log in this JVM too, so the streams are the command's own;
 * {@code CommandLineIT} checks the packaged jar's real stdout.)
 */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LedgerCommands.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** The result as JSON: all of it, as {@code | jq} would read it. */
    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}
