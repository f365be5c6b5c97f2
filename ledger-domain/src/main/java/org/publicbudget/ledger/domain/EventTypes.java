package org.publicbudget.ledger.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.api.DocumentImported;
import org.publicbudget.ledger.domain.budget.api.ListedProjectsChanged;
import org.publicbudget.ledger.domain.budget.api.UnitRegistered;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.AllocationTransferred;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;
import org.publicbudget.ledger.domain.project.api.events.GoalRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.domain.project.api.events.ProjectWithdrawn;

/**
 * Every event the ledger records, by the name it is stored and published under. The
 * name is part of the events' contract (see docs/events.md): it does not follow the
 * Java type, so that moving or renaming a class changes nothing in the store.
 */
public final class EventTypes {

    private static final Map<String, Class<?>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("ProjectCreated", ProjectCreated.class);
        BY_NAME.put("AllocationRevised", AllocationRevised.class);
        BY_NAME.put("AllocationTransferred", AllocationTransferred.class);
        BY_NAME.put("GoalRevised", GoalRevised.class);
        BY_NAME.put("IndicatorAdded", IndicatorAdded.class);
        BY_NAME.put("IndicatorRevised", IndicatorRevised.class);
        BY_NAME.put("IndicatorRemoved", IndicatorRemoved.class);
        BY_NAME.put("ProjectWithdrawn", ProjectWithdrawn.class);
        BY_NAME.put("ExpenditureRecorded", ExpenditureRecorded.class);
        BY_NAME.put("ExpenditureReversed", ExpenditureReversed.class);
        BY_NAME.put("IndicatorResultReported", IndicatorResultReported.class);
        BY_NAME.put("UnitRegistered", UnitRegistered.class);
        BY_NAME.put("DeclaredTotalRecorded", DeclaredTotalRecorded.class);
        BY_NAME.put("ListedProjectsChanged", ListedProjectsChanged.class);
        BY_NAME.put("DocumentImported", DocumentImported.class);
    }

    private EventTypes() {
    }

    /** The events, in the catalogue's order. */
    public static Map<String, Class<?>> all() {
        return Collections.unmodifiableMap(BY_NAME);
    }

    public static Optional<Class<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<String> nameOf(Class<?> type) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).findFirst();
    }
}
