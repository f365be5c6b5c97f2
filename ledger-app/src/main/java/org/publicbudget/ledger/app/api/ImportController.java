package org.publicbudget.ledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import org.publicbudget.ledger.app.importer.DocumentImporter;
import org.publicbudget.ledger.app.importer.ImportReport;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Budget documents in, ledger events out. The body is the extracted text of a
 * 项目支出绩效目标表; the fiscal year is a parameter because such documents do not print it.
 */
@RestController
public class ImportController {

    /** Far above any real department's table (the seed is 60 KB), far below what would strain the server. */
    static final int MAX_DOCUMENT_CHARS = 5_000_000;

    private final DocumentImporter importer;

    public ImportController(DocumentImporter importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.TEXT_PLAIN_VALUE)
    public ImportReport importDocument(@RequestBody String document, @RequestParam int fiscalYear,
            @RequestParam String documentName, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "false") boolean detail, Authentication user, HttpServletRequest request) {
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidRequest("document", "the document is longer than " + MAX_DOCUMENT_CHARS + " characters");
        }
        RequestFields.required("documentName", documentName);
        return importer.importDocument(new DocumentImporter.Request(document, documentName, fiscalYear, dryRun, detail,
                user.getName(), CommandMetadata.requestIdOf(request)));
    }
}
