package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.publicbudget.ledger.domain.money.Amounts;

/**
 * Revision 1 → 2 of the events that carry money. Revision 1 wrote amounts as JSON
 * numbers ({@code "after": 61.5}), which a reader in another language may take for a
 * binary fraction; revision 2 writes them as decimal text ({@code "after": "61.50"}),
 * exactly as the API does. The number's own digits become the text in the ledger's one
 * form for an amount (at least two decimals) — nothing is rounded, so an upcast event
 * equals the one the ledger writes today.
 */
public class AmountsAsDecimalText extends SingleEventUpcaster {

    /** The money events and the fields of each that hold an amount (or, for allocations, a map of them). */
    private static final Map<String, Set<String>> AMOUNTS = Map.of(
            "ProjectCreated", Set.of("allocations"),
            "AllocationRevised", Set.of("before", "after"),
            "AllocationTransferred", Set.of("before", "after"),
            "ProjectWithdrawn", Set.of("allocations"),
            "DeclaredTotalRecorded", Set.of("before", "after"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return AMOUNTS.containsKey(event.getType().getName()) && "1".equals(event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Set<String> fields = AMOUNTS.get(event.getType().getName());
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), "2"), JsonNode.class, payload -> {
            ObjectNode copy = payload.deepCopy();
            for (String field : fields) {
                JsonNode value = copy.get(field);
                if (value != null && value.isObject()) {
                    ObjectNode amounts = (ObjectNode) value;
                    for (Iterator<String> sources = amounts.fieldNames(); sources.hasNext(); ) {
                        String source = sources.next();
                        amounts.set(source, asText(amounts.get(source)));
                    }
                } else if (value != null) {
                    copy.set(field, asText(value));
                }
            }
            return copy;
        });
    }

    /** Axon's mapper reads decimals as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS), so the digits are those stored. */
    private static JsonNode asText(JsonNode amount) {
        return amount.isBigDecimal() || amount.isIntegralNumber()
                ? TextNode.valueOf(Amounts.canonical(amount.decimalValue()).toPlainString())
                : amount;
    }
}
