package org.publicbudget.ledger.app.cli;

import org.publicbudget.ledger.app.LedgerApplication;
import org.springframework.boot.SpringApplication;

/**
 * What {@code java -jar ledger-app.jar} starts: with a command first ({@code import},
 * {@code verify}, {@code --help} …) an operator's task ({@link LedgerCommands}),
 * otherwise the ledger itself. It lives here so that the application knows nothing of
 * its command line.
 */
public final class LedgerMain {

    private LedgerMain() {
    }

    public static void main(String[] args) {
        if (LedgerCommands.isCommand(args)) {
            System.exit(LedgerCommands.execute(args));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
