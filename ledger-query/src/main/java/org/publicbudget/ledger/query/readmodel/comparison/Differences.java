package org.publicbudget.ledger.query.readmodel.comparison;

import java.util.ArrayList;
import java.util.List;
import org.publicbudget.ledger.query.readmodel.Rows;

/**
 * Rows that differ between two versions of a read model: how many, and the first few.
 * Parts merged into one (a department each, in a proof) list a few rows each, so that a
 * mismatch in one department is named even when others ahead of it differ a lot.
 */
public final class Differences {

    /**
     * One row that differs: its table, its key, what was expected and what was found
     * (null when the row is missing on that side).
     */
    public record Difference(String table, String key, String expected, String found) {

        /** The first key value: the project, unit, department or position the row belongs to. */
        public String id() {
            int end = key.indexOf(" | ");
            return end < 0 ? key : key.substring(0, end);
        }
    }

    static final int LISTED = 50;

    /** Of each merged part: enough to show what differs, not all of a department gone wrong. */
    static final int LISTED_PER_PART = 5;

    /** Of all merged parts: one row for each of a few hundred departments. */
    static final int LISTED_MERGED = 500;

    private long count;
    private final List<Difference> first = new ArrayList<>();

    void add(Difference difference) {
        count++;
        list(difference);
    }

    /** Counted elsewhere; only listed. */
    void list(Difference difference) {
        if (first.size() < LISTED) {
            first.add(difference);
        }
    }

    void addCount(long more) {
        count += more;
    }

    /** Another comparison of the same part (a department's history after its current rows). */
    public void addAll(Differences other) {
        count += other.count;
        merge(other.first, LISTED);
    }

    /**
     * Another part (a department): a few of its rows are listed, so that one gone badly
     * wrong does not hide the parts after it.
     */
    public void addPart(Differences other) {
        count += other.count;
        merge(other.first.subList(0, Math.min(LISTED_PER_PART, other.first.size())), LISTED_MERGED);
    }

    private void merge(List<Difference> more, int limit) {
        for (Difference difference : more) {
            if (first.size() < limit) {
                first.add(difference);
            }
        }
    }

    public long count() {
        return count;
    }

    public List<Difference> first() {
        return List.copyOf(first);
    }

    public boolean none() {
        return count == 0;
    }
}
