package org.publicbudget.ledger.app.support;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.publicbudget.ledger.app.reads.ReadModelTables;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh PostgreSQL schema migrated as the ledger migrates it, read-model tables included, for tests below the application. */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    public record Migrated(TestPostgres.Database database, DriverManagerDataSource dataSource, JdbcTemplate jdbc) {
    }

    public static Migrated fresh() {
        TestPostgres.Database db = TestPostgres.freshSchema();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        Flyway.configure().dataSource(dataSource).schemas(db.schema()).callbacks(new ReadModelTables(List.of(new TotalsReadModel())))
                .load().migrate();
        return new Migrated(db, dataSource, new JdbcTemplate(dataSource));
    }
}
