package org.publicbudget.ledger.app.imports;

import java.nio.charset.StandardCharsets;

/** A budget document's bytes read by the reader of its format. */
final class DocumentReader {

    private DocumentReader() {
    }

    static ReadDocument read(byte[] content, DocumentFormat format, String documentName) {
        return switch (format) {
            case PDF -> PdfTable.read(content, documentName);
            case WORKBOOK -> WorkbookTable.read(content, documentName);
            case TEXT -> {
                String text = new String(content, StandardCharsets.UTF_8);
                yield ReadDocument.ofText(DocumentParser.parse(text), DocumentParser.lines(text));
            }
        };
    }
}
