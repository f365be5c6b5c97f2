package org.publicbudget.ledger.query.readmodel;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads rows of a table from a result set whose columns are the table's, in order. */
public final class RowMapping {

    private RowMapping() {
    }

    public static Row read(Table table, ResultSet rs) throws SQLException {
        return read(table, rs, 1);
    }

    /** The table's columns starting at result column {@code first} (1-based). */
    public static Row read(Table table, ResultSet rs, int first) throws SQLException {
        Object[] values = new Object[table.columns().size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = table.columns().get(c).read(rs, first + c);
        }
        return new Row(table, values);
    }
}
