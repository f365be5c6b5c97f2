package org.publicbudget.ledger.app.infrastructure.axon;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The newest sequence number of each project a batch names, read in a few statements
 * when the batch starts instead of one look per command (see
 * {@link CheckedCachingRepository}). A number read before another writer appended is
 * only older than the truth: the cached project then looks stale and is loaded from
 * the store, or the batch's append loses at the unique index — never a wrong figure.
 * Kept for the transaction's length.
 */
public final class LastSequenceNumbers {

    private static final String KEY = LastSequenceNumbers.class.getName();
    private static final int IDS_PER_READ = 500;

    private LastSequenceNumbers() {
    }

    /** Reads them for {@code aggregateIds}, inside the caller's transaction. */
    public static void readAhead(JdbcTemplate jdbc, Collection<String> aggregateIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || aggregateIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(aggregateIds);
        Map<String, Long> newest = new HashMap<>();
        ids.forEach(id -> newest.put(id, null));
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            // one index probe per project, as Axon's own look: MAX over IN (...) would read every event of every project
            jdbc.query("SELECT a.id, (SELECT MAX(e.sequenceNumber) FROM domainevententry e WHERE e.aggregateIdentifier = a.id) "
                    + "FROM (VALUES " + String.join(",", Collections.nCopies(some.size(), "(?)")) + ") AS a(id)",
                    rs -> {
                        newest.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2));
                    }, some.toArray());
        }
        TransactionSynchronizationManager.bindResource(KEY, newest);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
        });
    }

    /** The number read ahead for {@code aggregateId} (empty: it had no events), or else the one {@code store} gives. */
    @SuppressWarnings("unchecked")
    static Optional<Long> newest(String aggregateId, Function<String, Optional<Long>> store) {
        Map<String, Long> newest = (Map<String, Long>) TransactionSynchronizationManager.getResource(KEY);
        return newest != null && newest.containsKey(aggregateId) ? Optional.ofNullable(newest.get(aggregateId)) : store.apply(aggregateId);
    }
}
