package vn.ioc.domain.catalog;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog CSV file read whole: RFC 4180 quoting ({@code "a, b"} and {@code ""} inside quotes),
 * CRLF or LF line ends, a leading UTF-8 byte order mark and blank lines ignored, unquoted values
 * trimmed (spreadsheets add spaces). The header must be exactly the expected one, so a column
 * swapped by hand is caught instead of read as the wrong field.
 */
final class CsvTable {

    /** One data record: the physical line it starts on and its values by column. */
    record Row(String source, int line, List<String> header, List<String> values) {

        String get(String column) {
            return values.get(header.indexOf(column));
        }

        /** The value, null when empty. */
        String optional(String column) {
            String v = get(column);
            return v.isEmpty() ? null : v;
        }

        String required(String column) {
            String v = get(column);
            if (v.isBlank()) {
                throw error(column, "value is required");
            }
            return v;
        }

        LocalDate optionalDate(String column) {
            String v = optional(column);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw error(column, "'" + v + "' is not a date yyyy-MM-dd");
            }
        }

        LocalDate requiredDate(String column) {
            required(column);
            return optionalDate(column);
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String v = required(column);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw error(column, "'" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        CatalogException error(String column, String problem) {
            return new CatalogException(source, line, column, problem);
        }
    }

    private CsvTable() {
    }

    /** Reads the rows after the header; throws {@link CatalogException} with the line of any problem. */
    static List<Row> read(String source, Reader reader, List<String> expectedHeader) {
        String text;
        try {
            text = readAll(reader);
        } catch (IOException e) {
            throw new CatalogException(source, "cannot be read: " + e.getMessage(), e);
        }
        List<Record> records = parse(source, text);
        if (records.isEmpty()) {
            throw new CatalogException(source, 1, null, "header missing, expected " + String.join(",", expectedHeader));
        }
        Record header = records.get(0);
        if (!header.values.equals(expectedHeader)) {
            throw new CatalogException(source, header.line, null,
                    "header must be exactly " + String.join(",", expectedHeader) + " but was " + String.join(",", header.values));
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (Record r : records.subList(1, records.size())) {
            if (r.values.size() != expectedHeader.size()) {
                throw new CatalogException(source, r.line, null,
                        "expected " + expectedHeader.size() + " columns, found " + r.values.size());
            }
            rows.add(new Row(source, r.line, expectedHeader, r.values));
        }
        return rows;
    }

    private record Record(int line, List<String> values) {
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = reader.read(buf)) >= 0) {
            sb.append(buf, 0, n);
        }
        if (sb.length() > 0 && sb.charAt(0) == '\uFEFF') {
            sb.deleteCharAt(0);
        }
        return sb.toString();
    }

    private static List<Record> parse(String source, String text) {
        List<Record> records = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;       // the current field started with a quote
        boolean inQuotes = false;     // inside the quotes of the current field
        boolean afterQuote = false;   // the closing quote was seen
        int line = 1;
        int recordLine = 1;
        int quoteLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                    afterQuote = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == ',' ) {
                values.add(finish(field, quoted));
                quoted = false;
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                values.add(finish(field, quoted));
                if (!(values.size() == 1 && values.get(0).isEmpty() && !quoted)) {
                    records.add(new Record(recordLine, List.copyOf(values)));
                }
                values.clear();
                quoted = false;
                afterQuote = false;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                recordLine = line;
            } else if (afterQuote) {
                if (!Character.isWhitespace(c)) {
                    throw new CatalogException(source, line, null, "unexpected character '" + c + "' after a closing quote");
                }
            } else if (c == '"') {
                if (!field.toString().isBlank()) {
                    throw new CatalogException(source, line, null, "a quote inside an unquoted value; quote the whole value and double the quote");
                }
                field.setLength(0);
                quoted = true;
                inQuotes = true;
                quoteLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (inQuotes) {
            throw new CatalogException(source, quoteLine, null, "a quoted value is never closed");
        }
        values.add(finish(field, quoted));
        if (!(values.size() == 1 && values.get(0).isEmpty() && !quoted)) {
            records.add(new Record(recordLine, List.copyOf(values)));
        }
        return records;
    }

    private static String finish(StringBuilder field, boolean quoted) {
        String v = quoted ? field.toString() : field.toString().strip();
        field.setLength(0);
        return v;
    }
}
