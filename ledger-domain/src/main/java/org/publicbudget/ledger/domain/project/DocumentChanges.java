package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.ImportOutcome;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.commands.ImportProject;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.GoalRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;

/**
 * What a budget document changes in a project the ledger already holds: only what
 * differs becomes an event, so importing the same document twice records nothing the
 * second time. The project applies the events; this class only compares.
 */
final class DocumentChanges {

    private final List<Object> events = new ArrayList<>();
    private int revised;
    private boolean goalRevised;
    private int added;
    private int changed;
    private int removed;

    /** The project as it stands, compared with {@code document}; every rule of an allocation is checked here first. */
    static DocumentChanges between(ImportProject document, List<Indicator> wanted, String projectId, String departmentId,
            String unitId, Map<FundingSource, BigDecimal> allocations, Spending spending, String goal, Map<Integer, Indicator> indicators) {
        String reason = Texts.required("reason", document.reason());
        DocumentChanges changes = new DocumentChanges();
        for (Map.Entry<FundingSource, BigDecimal> target : Allocations.valid(document.allocations()).entrySet()) {
            BigDecimal before = allocations.get(target.getKey());
            spending.requireCovered("allocations." + target.getKey().name(), projectId, target.getKey(), target.getValue());
            if (before.compareTo(target.getValue()) != 0) {
                changes.events.add(new AllocationRevised(projectId, departmentId, unitId, target.getKey(), before, target.getValue(), reason));
                changes.revised++;
            }
        }
        String newGoal = Texts.optional("goal", document.goal());
        if (!newGoal.equals(goal)) {
            changes.events.add(new GoalRevised(projectId, departmentId, unitId, goal, newGoal, reason));
            changes.goalRevised = true;
        }
        Map<Integer, Indicator> remaining = new TreeMap<>(indicators);
        for (Indicator indicator : wanted) {
            Indicator current = remaining.remove(indicator.no());
            if (current == null) {
                changes.events.add(new IndicatorAdded(projectId, departmentId, unitId, indicator.no(), indicator.level1(),
                        indicator.level2(), indicator.name(), indicator.periodTarget(), indicator.annualTarget()));
                changes.added++;
            } else if (!current.equals(indicator)) {
                changes.events.add(new IndicatorRevised(projectId, departmentId, unitId, current, indicator, reason));
                changes.changed++;
            }
        }
        for (Indicator gone : remaining.values()) {
            changes.events.add(new IndicatorRemoved(projectId, departmentId, unitId, gone, reason));
            changes.removed++;
        }
        return changes;
    }

    List<Object> events() {
        return events;
    }

    /** The outcome reported to the importer; a project just created counts its creation and nothing as revised. */
    ImportOutcome outcome(boolean created) {
        return new ImportOutcome(created, created ? 0 : revised, !created && goalRevised, added, changed, removed,
                events.size() + (created ? 1 : 0));
    }
}
