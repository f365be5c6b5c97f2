package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.publicbudget.ledger.domain.EventTypes;

/**
 * Last in the chain: by now every event must be in the revision this release writes.
 * One that is not — written by a newer release, say, before a rollback — is refused
 * rather than read into today's fields, where a renamed amount would silently read as
 * nothing.
 */
class KnownRevisionsOnly extends SingleEventUpcaster {

    private static final AnnotationRevisionResolver REVISIONS = new AnnotationRevisionResolver();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return EventTypes.byName(event.getType().getName())
                .filter(type -> !REVISIONS.revisionOf(type).equals(event.getType().getRevision()))
                .isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        String name = event.getType().getName();
        throw new UnreadableEvent("event " + event.getMessageIdentifier() + " is " + name + " revision " + event.getType().getRevision()
                + ", which this release cannot read (it reads revision "
                + REVISIONS.revisionOf(EventTypes.byName(name).orElseThrow()) + "); run the release that wrote it");
    }

    /** An event in a form no upcaster reads. */
    static class UnreadableEvent extends IllegalStateException {
        UnreadableEvent(String message) {
            super(message);
        }
    }
}
