package org.publicbudget.ledger.app.importer;

/** A place where a document disagrees with itself or could not be read, with the source line it points at. */
public record Finding(Kind kind, int line, String message) {

    public enum Kind {
        /** A declared total differs from the sum of what it should add up. */
        TOTAL_VARIANCE,
        /** A row printed again at a page break; one copy kept, this one set aside. */
        PAGE_REPEAT,
        /** A level-2 indicator code outside its level-1 group, or an unknown code. */
        CATEGORY_MISMATCH,
        /** The period target and the annual target differ. */
        TARGETS_DIFFER,
        /** A target that cannot be read as a comparator, number and unit, nor as a qualitative value. */
        UNREADABLE_TARGET,
        /** Text that could not be placed in any field; reported rather than dropped. */
        UNPLACED_TEXT
    }
}
