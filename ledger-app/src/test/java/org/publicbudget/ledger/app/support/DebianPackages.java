package org.publicbudget.ledger.app.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs the tests drive from outside the JVM (a browser, a load generator), installed
 * from Debian's packages when they are missing, so that the README's test command works
 * on a fresh machine. Says what it installs; fails with the command to run by hand when
 * it cannot (not root, no apt-get).
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** Installs {@code packages} unless every one of {@code present} exists already. */
    public static synchronized void ensure(List<Path> present, String... packages) {
        if (present.stream().allMatch(Files::exists)) {
            return;
        }
        String install = "apt-get install -y -q " + String.join(" ", packages);
        System.err.println("Tests: installing " + String.join(", ", packages) + " from Debian's packages (" + install + ")");
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("The tests need " + String.join(", ", packages) + " and this machine has no apt-get: install them");
        }
        run(List.of("apt-get", "update", "-q"), install);
        List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        command.addAll(List.of(packages));
        run(command, install);
    }

    private static void run(List<String> command, String install) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (as root, run: " + install + "):\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command) + "; run: " + install, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing; run: " + install, e);
        }
    }
}
