package org.publicbudget.ledger.app.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.app.reads.Moments;
import org.publicbudget.ledger.query.audit.ImportedDocuments;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
import org.publicbudget.ledger.query.totals.queries.TotalsQueries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Budget documents in, ledger events out: a 项目支出绩效目标表 as PDF, workbook or
 * extracted text; the fiscal year is a parameter because such documents do not print it.
 */
@RestController
public class ImportController {

    /** Far above any real department's table (the seed is 60 KB), far below what would strain the server. */
    static final int MAX_DOCUMENT_CHARS = 5_000_000;

    private final DocumentImporter importer;
    private final ImportedDocuments imported;
    private final Moments moments;
    private final TotalsQueries totals;

    public ImportController(DocumentImporter importer, ImportedDocuments imported, Moments moments, TotalsQueries totals) {
        this.importer = importer;
        this.imported = imported;
        this.moments = moments;
        this.totals = totals;
    }

    /**
     * The document as people hold it: the published PDF, the finance system's workbook, or
     * the text extracted from the PDF ({@code text/plain}, UTF-8 unless its charset says
     * otherwise). The bytes must be what the Content-Type says (415 naming both); the
     * SHA-256 recorded is of the bytes received.
     */
    @PostMapping(path = "/api/v1/imports", consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_PDF_VALUE,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    public ImportReport importDocument(@RequestBody(required = false) byte[] document, @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestParam int fiscalYear, @RequestParam String documentName, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "false") boolean detail, Authentication user, HttpServletRequest request) {
        RequestFields.required("documentName", documentName);
        if (document == null || document.length == 0) {
            throw new InvalidRequest("document", "the document is empty: send the PDF, workbook or text as the request's body");
        }
        DocumentFormat format = DocumentFormat.of(document);
        if (format != DocumentFormat.declared(contentType)) {
            throw DocumentRefused.notWhatItSays(contentType, format);
        }
        byte[] content = format == DocumentFormat.TEXT ? utf8(document, contentType) : document;
        return importer.importDocument(new DocumentImporter.Request(content, format, documentName, fiscalYear, dryRun, detail,
                user.getName(), CommandMetadata.requestIdOf(request)));
    }

    /** Text in the charset it was sent in, as UTF-8; refused when longer than {@value #MAX_DOCUMENT_CHARS} characters. */
    private static byte[] utf8(byte[] body, String contentType) {
        Charset charset;
        try {
            charset = Optional.ofNullable(MediaType.parseMediaType(contentType).getCharset()).orElse(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("Content-Type", "the Content-Type names a charset this server does not know: " + contentType);
        }
        String text = new String(body, charset);
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidRequest("document", "the document is longer than " + MAX_DOCUMENT_CHARS + " characters");
        }
        return charset.equals(StandardCharsets.UTF_8) ? body : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The documents imported into a department's budget, oldest first, as of a moment
     * like every read: each with when and by whom, its SHA-256, its declared and computed
     * totals, what its import changed and its findings with the source lines they point at.
     */
    @GetMapping("/api/v1/departments/{departmentId}/imports")
    public List<ImportedDocuments.Import> importsOf(@PathVariable String departmentId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition) {
        Long at = moments.position(asOf, atPosition);
        if (totals.department(departmentId, FigureTime.at(at)).isEmpty()) {
            throw NotFound.of("department", departmentId);
        }
        return imported.of(departmentId, at);
    }
}
