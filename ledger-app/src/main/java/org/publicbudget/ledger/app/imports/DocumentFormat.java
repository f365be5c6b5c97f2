package org.publicbudget.ledger.app.imports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The three forms a 项目支出绩效目标表 comes in, told apart by their bytes: a PDF starts
 * with {@code %PDF-}, a workbook is a zip package, anything else is read as UTF-8 text.
 * A request's {@code Content-Type} must agree with what the bytes are.
 */
public enum DocumentFormat {

    TEXT("text/plain"),
    PDF("application/pdf"),
    WORKBOOK("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** An OLE2 container: a workbook of Excel 97–2003 (.xls), or an encrypted .xlsx. */
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** What {@code bytes} are, whatever they were called. */
    public static DocumentFormat of(byte[] bytes) {
        if (startsWith(bytes, PDF_MAGIC)) {
            return PDF;
        }
        if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE2_MAGIC)) {
            return WORKBOOK;
        }
        return TEXT;
    }

    /** The format a request declared by its {@code Content-Type}, or null for one the ledger does not read. */
    public static DocumentFormat declared(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.mediaType.equals(type)).findFirst().orElse(null);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
