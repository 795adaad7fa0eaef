package vn.ioc.dashboard.web;

/**
 * A text for a bound ClickHouse query parameter ({@code {name:String}}). The HTTP interface reads a
 * parameter's value in the escaped text format, where a backslash starts an escape sequence: sent
 * as it is, {@code abc\} fails the query (a server error) and {@code \0} or a tab change the value.
 * Escaping keeps the value exactly what the user typed, which the query then compares as data.
 */
public final class QueryParam {

    private QueryParam() {
    }

    public static String text(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
