package org.publicbudget.ledger.query.totals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.AllocationRevised;
import org.publicbudget.ledger.domain.project.IndicatorAdded;
import org.publicbudget.ledger.domain.project.ProjectCreated;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The projection on real PostgreSQL tables, fed directly, as a processor would after a retry. */
class TotalsProjectionTest {

    private JdbcTemplate jdbc;
    private TotalsProjection projection;
    private TotalsQueries queries;

    private final ProjectCreated created = new ProjectCreated("p1", "d1", "石围塘街道", 2025, "u1", "街道办事处", "帮扶工作经费", "",
            Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"), FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"),
                    FundingSource.OTHER, new BigDecimal("1.50")));
    private final AllocationRevised revised = new AllocationRevised("p1", "d1", "u1", FundingSource.FISCAL_APPROPRIATION,
            new BigDecimal("5.00"), new BigDecimal("7.25"), "追加");
    private final IndicatorAdded indicator = new IndicatorAdded("p1", "d1", "u1", 1, "1", "11", "调研次数", "2次", "2次");

    @BeforeEach
    void emptyReadModel() {
        TestPostgres.Database db = TestPostgres.freshSchema();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        Flyway.configure().dataSource(dataSource).schemas(db.schema()).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new TotalsProjection(jdbc);
        queries = new TotalsQueries(jdbc);
    }

    @Test
    void eventsDeliveredTwiceCountOnce() {
        projection.on(created, 0);
        projection.on(revised, 1);
        projection.on(indicator, 2);
        projection.on(created, 0);
        projection.on(revised, 1);
        projection.on(indicator, 2);

        assertThat(queries.unit("u1").orElseThrow().computedTotal()).isEqualByComparingTo("8.75");
        assertThat(queries.department("d1").orElseThrow().computedTotal()).isEqualByComparingTo("8.75");
        ProjectDetail project = queries.project("p1").orElseThrow();
        assertThat(project.total()).isEqualByComparingTo("8.75");
        assertThat(project.indicators()).hasSize(1);
        assertThat(project.version()).isEqualTo(2);
    }

    @Test
    void aResetEmptiesEveryTableForAReplay() {
        projection.on(created, 0);
        projection.reset();
        assertThat(queries.departments()).isEmpty();
        assertThat(queries.units()).isEmpty();
        assertThat(queries.project("p1")).isEmpty();
        projection.on(created, 0);
        assertThat(queries.unit("u1").orElseThrow().computedTotal()).isEqualByComparingTo("6.50");
    }

    @Test
    void aBatchMovesEachUnitAndDepartmentTotalOnceWhenItCommits() {
        projection.on(created, 0);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(revised));
        projection.on(revised, 1);
        projection.on(new AllocationRevised("p1", "d1", "u1", FundingSource.FISCAL_APPROPRIATION, new BigDecimal("7.25"),
                new BigDecimal("10.00"), "再追加"), 2);
        assertThat(queries.unit("u1").orElseThrow().computedTotal()).as("before the batch commits").isEqualByComparingTo("6.50");
        batch.commit();

        assertThat(queries.unit("u1").orElseThrow().computedTotal()).isEqualByComparingTo("11.50");
        assertThat(queries.department("d1").orElseThrow().computedTotal()).isEqualByComparingTo("11.50");
        assertThat(queries.project("p1").orElseThrow().total()).isEqualByComparingTo("11.50");
    }
}
