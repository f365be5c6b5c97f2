package org.publicbudget.ledger.app.imports;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import org.publicbudget.ledger.app.infrastructure.database.EmbeddedDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On the first start of the embedded default — an empty event store — imports the
 * seed documents bundled in the jar, so a newcomer sees real data at once. Elsewhere
 * it does nothing unless {@code ledger.seed.enabled=true}. The documents do not print
 * their fiscal year: {@code ledger.seed.fiscal-year} (2025) supplies it.
 */
@Component
public class BundledSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BundledSeed.class);

    private final DocumentImporter importer;
    private final JdbcTemplate jdbc;
    private final Environment environment;

    public BundledSeed(DocumentImporter importer, JdbcTemplate jdbc, Environment environment) {
        this.importer = importer;
        this.jdbc = jdbc;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        boolean enabled = environment.getProperty("ledger.seed.enabled", Boolean.class, EmbeddedDefault.isActive(environment));
        if (!enabled || Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM domainevententry)", Boolean.class))) {
            return;
        }
        int fiscalYear = environment.getProperty("ledger.seed.fiscal-year", Integer.class, 2025);
        Resource[] seeds = new PathMatchingResourcePatternResolver().getResources("classpath*:seeds/*.txt");
        Arrays.sort(seeds, Comparator.comparing(Resource::getFilename));
        for (Resource seed : seeds) {
            ImportReport report = importer.importDocument(new DocumentImporter.Request(seed.getContentAsByteArray(), DocumentFormat.TEXT,
                    seed.getFilename(), fiscalYear, false, false, "seed", "seed-" + seed.getFilename()));
            log.info("Imported bundled seed {} for fiscal year {}: {} units, {} projects, {} indicators, {} events, {} findings",
                    seed.getFilename(), fiscalYear, report.units().size(), report.projects(), report.indicators(),
                    report.eventsAppended(), report.findings().size());
        }
    }
}
