package vn.ioc.dashboard.web;

import java.util.List;

/** RFC 4180 lines: a cell with a comma, quote or line break is quoted, quotes doubled; CRLF line ends. */
public final class Csv {

    private Csv() {
    }

    public static void line(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = cells.get(i);
            String s = v == null ? "" : v.toString();
            // A leading =, +, - or @ would be run as a formula by a spreadsheet: keep it text.
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
                s = "'" + s;
            }
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        sb.append("\r\n");
    }
}
