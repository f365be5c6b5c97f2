package org.publicbudget.ledger.app.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled seed document, read from the classpath exactly as the application reads it. */
public final class Seed {

    public static final String NAME = "000_5dc1d2eb32092ea0.txt";

    private Seed() {
    }

    public static String text() {
        try (InputStream in = Seed.class.getResourceAsStream("/seeds/" + NAME)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
