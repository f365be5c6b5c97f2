package org.publicbudget.ledger.query.readmodel;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The one definition of a read model: its tables and what each event does to them.
 * Everything else is derived from it — the tables of both copies and their views,
 * the live projection, the rebuild, and the proof that a copy is what the events say
 * — so adding a read model is writing one of these.
 */
public interface ReadModel {

    /** Its name, which is also the name of the event processor that keeps it. */
    String name();

    List<Table> tables();

    /**
     * The table with one row per event applied, keyed by its position. An event found
     * there was applied already: a processor may deliver an event twice (a stolen
     * segment claim, a retried batch), and it must change nothing the second time.
     */
    Table appliedEvents();

    /** The state rows an event may read or change, by table and first key value, so that a batch reads them at once. */
    void rowsTouchedBy(ProjectedEvent event, BiConsumer<Table, Object> rows);

    /** Applies one event that was not applied before. Events of one stream come in their order. */
    void apply(ProjectedEvent event, Rows rows);
}
