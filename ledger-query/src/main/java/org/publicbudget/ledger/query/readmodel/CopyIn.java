package org.publicbudget.ledger.query.readmodel;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many rows into a PostgreSQL table with {@code COPY … FROM STDIN}, in the caller's
 * transaction: one round trip, no statement to plan, several times faster than
 * multi-row INSERTs for the thousands of rows a rebuild or a catching-up projection
 * writes at once. Values go as CSV: numbers and amounts as plain decimal text, moments
 * as ISO-8601 instants, NULL as nothing, text quoted.
 */
final class CopyIn {

    private CopyIn() {
    }

    static void rows(JdbcTemplate jdbc, String table, Table definition, List<Row> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 128);
        int width = definition.columns().size();
        for (Row row : rows) {
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    csv.append(',');
                }
                value(csv, row.value(c));
            }
            csv.append('\n');
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> copy(connection, "COPY " + table + " (" + definition.columnList()
                + ") FROM STDIN WITH (FORMAT csv)", csv.toString()));
    }

    private static long copy(Connection connection, String sql, String csv) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void value(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal amount) {
            csv.append(amount.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            csv.append(value);
        } else if (value instanceof Instant moment) {
            csv.append(moment);
        } else {
            String text = value.toString();
            csv.append('"');
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '"') {
                    csv.append('"');
                }
                csv.append(ch);
            }
            csv.append('"');
        }
    }

    static boolean available(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> connection.isWrapperFor(PGConnection.class)));
    }
}
