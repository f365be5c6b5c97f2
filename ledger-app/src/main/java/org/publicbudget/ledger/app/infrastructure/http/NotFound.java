package org.publicbudget.ledger.app.infrastructure.http;

import java.util.Map;

/**
 * Something the client named by id does not exist (or the read model has not seen it
 * yet). It says so in English and, for the Chinese page, in Chinese ({@code detailZh}).
 */
public class NotFound extends RuntimeException {

    private static final Map<String, String> KINDS_ZH = Map.of("department", "部门", "unit", "预算单位", "project", "项目",
            "indicator", "绩效指标", "payment", "支出");

    private final String field;
    private final String messageZh;

    private NotFound(String message, String field, String messageZh) {
        super(message);
        this.field = field;
        this.messageZh = messageZh;
    }

    public static NotFound of(String kind, String id) {
        return new NotFound("no " + kind + " with id " + id, null, zh(kind, id));
    }

    /** For an id given in a request body: {@code field} names where. */
    public static NotFound in(String field, String kind, String id) {
        return new NotFound("no " + kind + " with id " + id, field, zh(kind, id));
    }

    /** For something named rather than identified, such as a unit by its name. */
    public static NotFound named(String field, String message) {
        return new NotFound(message, field, null);
    }

    /** The same, with its Chinese words. */
    public static NotFound named(String field, String message, String messageZh) {
        return new NotFound(message, field, messageZh);
    }

    private static String zh(String kind, String id) {
        return "台账中没有编号为 " + id + " 的" + KINDS_ZH.getOrDefault(kind, kind);
    }

    public String field() {
        return field;
    }

    /** The message in Chinese, or null where the ledger has none. */
    public String messageZh() {
        return messageZh;
    }
}
