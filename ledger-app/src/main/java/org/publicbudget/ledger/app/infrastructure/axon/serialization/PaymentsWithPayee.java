package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * ExpenditureRecorded revision 1 → 2: revision 2 added the payment's payee (收款人) and
 * economic class (政府支出经济分类), both optional; a payment of revision 1 had neither,
 * so it reads with both null — the event the ledger writes today for a payment given
 * neither.
 */
public class PaymentsWithPayee extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return "ExpenditureRecorded".equals(event.getType().getName()) && "1".equals(event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType("ExpenditureRecorded", "2"), JsonNode.class, payload -> {
            ObjectNode copy = payload.deepCopy();
            copy.putNull("payee");
            copy.putNull("economicClass");
            return copy;
        });
    }
}
