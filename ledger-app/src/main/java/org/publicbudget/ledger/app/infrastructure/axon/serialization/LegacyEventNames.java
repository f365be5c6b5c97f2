package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events stored before their names were published carry the Java class they were
 * written from ({@code org.publicbudget.ledger.domain.project.AllocationRevised}); read
 * again, they take their published name, with their revision and content unchanged.
 */
public class LegacyEventNames extends SingleEventUpcaster {

    private static final Map<String, String> NAMES = Map.ofEntries(
            legacy("project", "ProjectCreated"), legacy("project", "AllocationRevised"), legacy("project", "AllocationTransferred"),
            legacy("project", "GoalRevised"), legacy("project", "IndicatorAdded"), legacy("project", "IndicatorRevised"),
            legacy("project", "IndicatorRemoved"), legacy("project", "ProjectWithdrawn"), legacy("budget", "UnitRegistered"),
            legacy("budget", "DeclaredTotalRecorded"), legacy("budget", "ListedProjectsChanged"));

    private static Map.Entry<String, String> legacy(String aggregate, String name) {
        return Map.entry("org.publicbudget.ledger.domain." + aggregate + "." + name, name);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return NAMES.containsKey(event.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(NAMES.get(event.getType().getName()), event.getType().getRevision()),
                JsonNode.class, Function.identity());
    }
}
