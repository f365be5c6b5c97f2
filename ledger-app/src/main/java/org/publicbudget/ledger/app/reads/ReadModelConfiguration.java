package org.publicbudget.ledger.app.reads;

import java.time.ZoneId;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.publicbudget.ledger.query.audit.AuditTrail;
import org.publicbudget.ledger.query.audit.DepartmentChanges;
import org.publicbudget.ledger.query.audit.DepartmentSearch;
import org.publicbudget.ledger.query.audit.ImportedDocuments;
import org.publicbudget.ledger.query.audit.Payments;
import org.publicbudget.ledger.query.audit.ResultReports;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.history.Positions;
import org.publicbudget.ledger.query.proof.Checkpoints;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelProjection;
import org.publicbudget.ledger.query.totals.BudgetDay;
import org.publicbudget.ledger.query.totals.TotalsProof;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.publicbudget.ledger.query.totals.queries.ProjectFromEvents;
import org.publicbudget.ledger.query.totals.queries.TotalsQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read models: each defined once ({@link ReadModel}); from that definition come
 * its tables (made after the migrations), its live projection (in the processor that
 * bears its name) and its rebuild. Adding a read model is adding its definition to
 * {@link #readModels()}.
 */
@Configuration
public class ReadModelConfiguration {

    /**
     * The totals read model, with budget days in the ledger's zone ({@code LEDGER_ZONE},
     * Asia/Shanghai by default): where a Chinese office's day begins and ends.
     */
    @Bean
    public TotalsReadModel totalsReadModel(@Value("${ledger.zone:Asia/Shanghai}") ZoneId zone) {
        return new TotalsReadModel(new BudgetDay(zone));
    }

    @Bean
    public List<ReadModel> readModels(TotalsReadModel totals) {
        return List.of(totals);
    }

    /** After the migrations, the read models' tables are made to match their definitions. */
    @Bean
    public FlywayConfigurationCustomizer readModelTables(List<ReadModel> readModels) {
        return flyway -> flyway.callbacks(new ReadModelTables(readModels));
    }

    /**
     * Each read model's projection, in the event processor named after it. Registered
     * here rather than found as a bean, so that it runs in that processor only.
     */
    @Bean
    public ConfigurerModule readModelProjections(List<ReadModel> readModels, JdbcTemplate jdbc, LedgerSignals signals) {
        return configurer -> configurer.eventProcessing(processing -> readModels.forEach(model -> {
            ReadModelProjection projection = new ReadModelProjection(model, jdbc, signals::readModelCommitted);
            processing.registerEventHandler(c -> projection)
                    .assignHandlerInstancesMatching(model.name(), handler -> handler == projection);
        }));
    }

    @Bean
    public TotalsQueries totalsQueries(JdbcTemplate jdbc) {
        return new TotalsQueries(jdbc);
    }

    @Bean
    public AuditTrail auditTrail(JdbcTemplate jdbc) {
        return new AuditTrail(jdbc);
    }

    @Bean
    public Payments payments(JdbcTemplate jdbc) {
        return new Payments(jdbc);
    }

    @Bean
    public ResultReports resultReports(JdbcTemplate jdbc) {
        return new ResultReports(jdbc);
    }

    @Bean
    public DepartmentChanges departmentChanges(JdbcTemplate jdbc) {
        return new DepartmentChanges(jdbc);
    }

    @Bean
    public DepartmentSearch departmentSearch(JdbcTemplate jdbc) {
        return new DepartmentSearch(jdbc);
    }

    @Bean
    public ImportedDocuments importedDocuments(EventReader events) {
        return new ImportedDocuments(events);
    }

    @Bean
    public Positions positions(JdbcTemplate jdbc) {
        return new Positions(jdbc);
    }

    @Bean
    public ProjectFromEvents projectFromEvents(EventReader events, TotalsReadModel model) {
        return new ProjectFromEvents(events, model);
    }

    @Bean
    public TotalsProof totalsProof(JdbcTemplate jdbc, TransactionTemplate transactions, EventReader events, TotalsReadModel model) {
        // each department read in one snapshot, its events a page at a time
        TransactionTemplate snapshot = new TransactionTemplate(transactions.getTransactionManager());
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return new TotalsProof(jdbc, snapshot, events, model, TotalsProof.EVENTS_PER_WINDOW);
    }

    @Bean
    public Checkpoints checkpoints(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new Checkpoints(jdbc, transactions);
    }

    @Bean
    public LedgerVerification ledgerVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions, Checkpoints checkpoints,
            TotalsProof proof) {
        return new LedgerVerification(jdbc, transactions, checkpoints, proof);
    }
}
