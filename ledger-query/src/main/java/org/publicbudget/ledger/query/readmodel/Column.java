package org.publicbudget.ledger.query.readmodel;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A column of a read-model table: its name and the kind of value it holds. */
public record Column(String name, Type type) {

    /** The kinds of value a read model keeps, each with one SQL type on PostgreSQL and H2 alike. */
    public enum Type {
        /** An identifier: a project, unit or department id, an event id. */
        ID("VARCHAR(255)", Types.VARCHAR),
        /** Text as written: a name, a goal, a reason (its length is checked where it enters the ledger). */
        TEXT("VARCHAR", Types.VARCHAR),
        /** A short code: a funding source, an indicator category, a date. */
        CODE("VARCHAR(64)", Types.VARCHAR),
        /** Money in 万元, exact. */
        AMOUNT("NUMERIC(24, 6)", Types.NUMERIC),
        /** A whole number: a position in the event store, a version, a count. */
        NUMBER("BIGINT", Types.BIGINT),
        FLAG("BOOLEAN", Types.BOOLEAN),
        /** A moment, kept as an instant (UTC). */
        MOMENT("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE);

        private final String sql;
        private final int jdbcType;

        Type(String sql, int jdbcType) {
            this.sql = sql;
            this.jdbcType = jdbcType;
        }

        public String sql() {
            return sql;
        }

        public int jdbcType() {
            return jdbcType;
        }
    }

    /** The value as JDBC takes it. */
    Object toJdbc(Object value) {
        return value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
    }

    /** The value of this column in the current row of {@code rs}, at {@code index} (1-based). */
    Object read(ResultSet rs, int index) throws SQLException {
        Object value = switch (type) {
            case ID, TEXT, CODE -> rs.getString(index);
            case AMOUNT -> rs.getBigDecimal(index);
            case NUMBER -> rs.getLong(index);
            case FLAG -> rs.getBoolean(index);
            case MOMENT -> {
                OffsetDateTime moment = rs.getObject(index, OffsetDateTime.class);
                yield moment == null ? null : moment.toInstant();
            }
        };
        return rs.wasNull() ? null : value;
    }

    /** One text for one meaning, so that rows compare by value (59.840000 is 59.84). */
    public static String canonical(Object value) {
        if (value instanceof BigDecimal amount) {
            return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
