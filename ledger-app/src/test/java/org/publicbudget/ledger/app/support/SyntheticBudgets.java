package org.publicbudget.ledger.app.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.app.LedgerApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Budgets in the seed's shape at any scale, appended straight to the event store
 * (hash chain included) rather than command by command: departments of units of
 * projects, each project created, given its indicators and revised a few times; from
 * 12 events a project on, its year goes on: three payments and a mid-year result.
 * Same seed, same ledger.
 */
public final class SyntheticBudgets {

    private static final String[] LEVEL2 = {"11", "12", "13", "21", "22", "31"};
    private static final String[] TARGETS = {"100%", "≥85%", "不少于2次", "12次", "18.5万", "提升"};

    private final EventStorageEngine store;
    private final TransactionTemplate transaction;
    private final Random random = new Random(20251125);

    public SyntheticBudgets(EventStorageEngine store, TransactionTemplate transaction) {
        this.store = store;
        this.transaction = transaction;
    }

    /**
     * Fills a database with {@code projects} projects through the ledger's own storage
     * engine, started without HTTP and with its processors stopped: a store as a node
     * finds it when it joins a ledger that has been running for a while.
     */
    public static long fill(TestPostgres.Database database, int projects, int eventsPerProject) {
        try (ConfigurableApplicationContext generator = new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + database.schema(),
                        "--ledger.seed.enabled=false", "--ledger.node-id=generator", "--logging.level.root=WARN")) {
            generator.getBean(EventProcessingConfiguration.class).eventProcessor("totals").ifPresent(EventProcessor::shutDown);
            return new SyntheticBudgets(generator.getBean(EventStorageEngine.class), generator.getBean(TransactionTemplate.class))
                    .append(projects, eventsPerProject);
        }
    }

    /** Appends {@code projects} projects of {@code eventsPerProject} events each (at least 1), 50 per unit, 20 units per department. */
    public long append(int projects, int eventsPerProject) {
        return append(0, projects, eventsPerProject);
    }

    /** Appends projects {@code first} to {@code first + projects - 1}, as {@link #append(int, int)} numbers them. */
    public long append(int first, int projects, int eventsPerProject) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        long appended = 0;
        for (int p = first; p < first + projects; p++) {
            int unitNo = p / 50;
            String department = departmentName(unitNo / 20);
            String departmentId = OrganisationIds.departmentId(department, 2025);
            String unit = unitName(unitNo);
            String unitId = OrganisationIds.unitId(departmentId, unit);
            String projectId = projectId(p);
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(100_000), 2);
            long sequence = 0;
            batch.add(event(projectId, sequence++, new ProjectCreated(projectId, departmentId, department, 2025, unitId, unit,
                    "合成项目" + p, "保障" + unit + "日常运转", Map.of(FundingSource.FISCAL_APPROPRIATION, amount))));
            int indicators = Math.min(4, eventsPerProject - 1);
            for (int i = 1; i <= indicators; i++) {
                String level2 = LEVEL2[random.nextInt(LEVEL2.length)];
                batch.add(event(projectId, sequence++, new IndicatorAdded(projectId, departmentId, unitId, i, level2.substring(0, 1),
                        level2, "指标" + i, TARGETS[random.nextInt(TARGETS.length)], TARGETS[random.nextInt(TARGETS.length)])));
            }
            int spending = eventsPerProject >= 12 ? 4 : 0;
            while (sequence < eventsPerProject - spending) {
                BigDecimal after = amount.add(BigDecimal.valueOf(random.nextInt(2_000) - 1_000, 2)).max(BigDecimal.ZERO);
                batch.add(event(projectId, sequence++, new AllocationRevised(projectId, departmentId, unitId,
                        FundingSource.FISCAL_APPROPRIATION, amount, after, "预算调整")));
                amount = after;
            }
            BigDecimal spent = BigDecimal.ZERO.setScale(2);
            for (int payment = 1; sequence < eventsPerProject - 1; payment++) {
                // an eighth of what is left each time, at least a fen: never more than the allocation
                BigDecimal paid = amount.subtract(spent).divide(BigDecimal.valueOf(8), 2, java.math.RoundingMode.DOWN).max(new BigDecimal("0.01"))
                        .min(amount.subtract(spent));
                if (paid.signum() == 0) {
                    batch.add(event(projectId, sequence++, new AllocationRevised(projectId, departmentId, unitId,
                            FundingSource.FISCAL_APPROPRIATION, amount, amount.add(BigDecimal.ONE), "预算调整")));
                    amount = amount.add(BigDecimal.ONE);
                    continue;
                }
                batch.add(event(projectId, sequence++, new ExpenditureRecorded(projectId, departmentId, unitId, "payment " + p + "-" + payment,
                        FundingSource.FISCAL_APPROPRIATION, paid, spent, spent.add(paid), LocalDate.of(2025, 3, payment), "记-" + p + "-" + payment,
                        "合成支出")));
                spent = spent.add(paid);
            }
            if (spending > 0) {
                batch.add(event(projectId, sequence++, new IndicatorResultReported(projectId, departmentId, unitId, 1, ResultPeriod.MID_YEAR,
                        null, (80 + random.nextInt(21)) + "%", LocalDate.of(2025, 7, 10), "年中监控")));
            }
            if (batch.size() >= 2_000) {
                appended += flush(batch);
            }
        }
        return appended + flush(batch);
    }

    /**
     * Appends {@code revisions} more revisions to project {@code p} (made before with
     * {@code eventsPerProject} events): a project with a long history.
     */
    public long revise(int p, int eventsPerProject, int revisions) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        long appended = 0;
        for (long sequence = eventsPerProject; sequence < eventsPerProject + revisions; sequence++) {
            batch.add(revision(p, sequence, eventsPerProject));
            if (batch.size() >= 2_000) {
                appended += flush(batch);
            }
        }
        return appended + flush(batch);
    }

    /**
     * Appends {@code rounds} more revisions to each of the first {@code projects} projects
     * (made before with {@code eventsPerProject} events), one to every project in turn: a
     * year in which the revisions of many projects interleave, as in a live ledger.
     */
    public long reviseInTurn(int projects, int eventsPerProject, int rounds) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        long appended = 0;
        for (int round = 0; round < rounds; round++) {
            for (int p = 0; p < projects; p++) {
                batch.add(revision(p, eventsPerProject + round, eventsPerProject));
                if (batch.size() >= 2_000) {
                    appended += flush(batch);
                }
            }
        }
        return appended + flush(batch);
    }

    /** A revision of project {@code p} to a fixed figure (the figure before is not the project's, but the previous revision's). */
    private static DomainEventMessage<?> revision(int p, long sequence, int eventsPerProject) {
        int unitNo = p / 50;
        String projectId = projectId(p);
        BigDecimal before = sequence == eventsPerProject ? BigDecimal.ZERO : figure(sequence - 1);
        return event(projectId, sequence, new AllocationRevised(projectId, departmentId(unitNo / 20), unitId(unitNo), FundingSource.OTHER,
                before, figure(sequence), "预算调整"));
    }

    private static BigDecimal figure(long sequence) {
        return BigDecimal.valueOf(1_000 + sequence % 997, 2);
    }

    public static String departmentName(int department) {
        return "合成部门" + department;
    }

    public static String departmentId(int department) {
        return OrganisationIds.departmentId(departmentName(department), 2025);
    }

    public static String unitName(int unitNo) {
        return departmentName(unitNo / 20) + "第" + unitNo + "单位";
    }

    public static String unitId(int unitNo) {
        return OrganisationIds.unitId(departmentId(unitNo / 20), unitName(unitNo));
    }

    /** The id of the {@code p}-th synthetic project. */
    public static String projectId(int p) {
        return UUID.nameUUIDFromBytes(("synthetic " + p).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private long flush(List<DomainEventMessage<?>> batch) {
        int size = batch.size();
        transaction.executeWithoutResult(status -> store.appendEvents(batch));
        batch.clear();
        return size;
    }

    private static DomainEventMessage<?> event(String projectId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Project", projectId, sequence, payload,
                MetaData.with("actor", "synthetic").and("reason", "benchmark data"));
    }
}
