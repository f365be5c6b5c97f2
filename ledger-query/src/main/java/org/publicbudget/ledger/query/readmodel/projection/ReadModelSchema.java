package org.publicbudget.ledger.query.readmodel.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.publicbudget.ledger.domain.Sha256;
import org.publicbudget.ledger.query.readmodel.Column;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables of a read model, made from its definition: two copies of each table
 * ({@code _a} and {@code _b}) and a view with the plain name showing the active copy.
 * Run after the migrations. When a definition changes its tables, the old ones are
 * dropped and the new ones made empty, and the processor starts again from the first
 * event: a read model is disposable, everything in it comes from the events.
 */
public final class ReadModelSchema {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSchema.class);
    public static final List<String> COPIES = List.of("a", "b");

    private ReadModelSchema() {
    }

    /** The statements that create one copy of every table of the model. */
    public static List<String> create(ReadModel model, String copy) {
        List<String> statements = new ArrayList<>();
        for (Table table : model.tables()) {
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                Column column = table.columns().get(i);
                columns.add(column.name() + " " + column.type().sql() + (i < table.keyColumns() ? " NOT NULL" : ""));
            }
            List<String> key = table.columns().subList(0, table.keyColumns()).stream().map(Column::name).toList();
            statements.add("CREATE TABLE " + table.in(copy) + " (" + String.join(", ", columns) + ", PRIMARY KEY (" + String.join(", ", key) + "))");
            statements.addAll(indexes(table, copy));
        }
        return statements;
    }

    private static List<String> indexes(Table table, String copy) {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < table.indexes().size(); i++) {
            statements.add("CREATE INDEX " + indexName(table, copy, i) + " ON " + table.in(copy) + " ("
                    + String.join(", ", table.indexes().get(i)) + ")");
        }
        return statements;
    }

    private static String indexName(Table table, String copy, int i) {
        return table.in(copy) + "_" + (i + 1);
    }

    /** Drops the secondary indexes of one copy (keys stay), for a bulk load. */
    public static void dropIndexes(JdbcTemplate jdbc, ReadModel model, String copy) {
        for (Table table : model.tables()) {
            for (int i = 0; i < table.indexes().size(); i++) {
                jdbc.execute("DROP INDEX IF EXISTS " + indexName(table, copy, i));
            }
        }
    }

    /** Makes the secondary indexes of one copy (again). */
    public static void createIndexes(JdbcTemplate jdbc, ReadModel model, String copy) {
        dropIndexes(jdbc, model, copy);
        model.tables().forEach(table -> indexes(table, copy).forEach(jdbc::execute));
    }

    /** Changes whenever the tables change. */
    public static String fingerprint(ReadModel model) {
        MessageDigest digest = Sha256.digest();
        create(model, "a").forEach(statement -> digest.update((statement + "\n").getBytes(StandardCharsets.UTF_8)));
        return Sha256.hex(digest, new byte[0]);
    }

    /**
     * Makes the model's tables match its definition, in the caller's transaction. The
     * row of {@code read_model_schema} is locked first, so that of several nodes
     * starting at once one makes the tables and the others find them made.
     */
    public static void ensure(JdbcTemplate jdbc, ReadModel model) {
        String fingerprint = fingerprint(model);
        jdbc.update("INSERT INTO read_model_schema (read_model, fingerprint, tables) SELECT ?, '', '' WHERE NOT EXISTS "
                + "(SELECT 1 FROM read_model_schema WHERE read_model = ?)", model.name(), model.name());
        List<String[]> stored = jdbc.query("SELECT fingerprint, tables FROM read_model_schema WHERE read_model = ? FOR UPDATE",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, model.name());
        if (stored.get(0)[0].equals(fingerprint)) {
            return;
        }
        log.info("Read model {}: its tables changed; making them anew, to be filled again from the events", model.name());
        Set<String> names = new LinkedHashSet<>();
        for (String old : stored.get(0)[1].split(",")) {
            if (!old.isBlank()) {
                names.add(old.strip());
            }
        }
        model.tables().forEach(table -> names.add(table.name()));
        for (String name : names) {
            jdbc.execute("DROP VIEW IF EXISTS " + name);
            for (String copy : COPIES) {
                jdbc.execute("DROP TABLE IF EXISTS " + name + "_" + copy);
            }
        }
        for (String copy : COPIES) {
            create(model, copy).forEach(jdbc::execute);
        }
        for (Table table : model.tables()) {
            jdbc.execute("CREATE VIEW " + table.name() + " AS SELECT * FROM " + table.in(COPIES.get(0)));
        }
        if (jdbc.update("UPDATE read_model_copy SET active = ? WHERE read_model = ?", COPIES.get(0), model.name()) == 0) {
            jdbc.update("INSERT INTO read_model_copy (read_model, active) VALUES (?, ?)", model.name(), COPIES.get(0));
        }
        jdbc.update("DELETE FROM tokenentry WHERE processorName = ?", model.name());
        jdbc.update("UPDATE read_model_schema SET fingerprint = ?, tables = ? WHERE read_model = ?", fingerprint,
                String.join(",", model.tables().stream().map(Table::name).toList()), model.name());
    }
}
