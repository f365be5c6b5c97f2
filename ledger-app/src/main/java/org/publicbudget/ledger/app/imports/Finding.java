package org.publicbudget.ledger.app.imports;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.publicbudget.ledger.query.audit.words.FindingWords;

/**
 * A place where a document disagrees with itself or could not be read, with the number
 * of the source line it points at and, once the importer has the document's lines, that
 * line's text ({@code source}) and where a person finds it in the document as they hold
 * it ({@code locator}: "line 42", "page 3, row 7", "项目支出绩效目标表!B12").
 */
public record Finding(Kind kind, int line, String message, String source, String locator) {

    public Finding(Kind kind, int line, String message) {
        this(kind, line, message, null, null);
    }

    /** The message in Chinese, as the record of the import gives it too (null for a message in no known shape). */
    @JsonProperty("messageZh")
    public String messageZh() {
        return FindingWords.zh(message);
    }

    /** The longest quotation kept; a document's lines are far shorter. */
    static final int MAX_QUOTED = 500;

    /**
     * This finding with the text of its line, as the document gives it — but for control
     * and bidirectional-formatting characters, which would make the recorded text read
     * otherwise than it is, and at most {@value #MAX_QUOTED} characters.
     */
    Finding quoting(ReadDocument read) {
        if (line < 1 || line > read.lines().size()) {
            return this;
        }
        String quoted = read.lines().get(line - 1).replaceAll("[\\p{Cc}\\p{Cf}]", " ").strip();
        return new Finding(kind, line, message, quoted.length() > MAX_QUOTED ? quoted.substring(0, MAX_QUOTED) : quoted,
                read.locator(line));
    }

    /** At most 80 characters of {@code text}, for a message. */
    static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

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
