package org.publicbudget.ledger.query.readmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Keys of rows as lists of values, ordered column by column as the database orders them. */
public final class Keys {

    /** Sorts after every key that begins with a given value and before the next value. */
    private static final Object END = new Object();

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Comparator<List<Object>> ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == END || y == END) {
                if (x != y) {
                    return x == END ? 1 : -1;
                }
                continue;
            }
            int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private Keys() {
    }

    /** A bound just past every key that begins with {@code first}. */
    public static List<Object> after(Object first) {
        List<Object> bound = new ArrayList<>();
        bound.add(first);
        bound.add(END);
        return bound;
    }

    public static List<Object> with(List<Object> figure, long position) {
        List<Object> key = new ArrayList<>(figure);
        key.add(position);
        return key;
    }

    public static boolean startsWith(List<Object> key, List<Object> prefix) {
        return key.size() >= prefix.size() && key.subList(0, prefix.size()).equals(prefix);
    }
}
