package vn.ioc.infra.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Just enough of ClickHouse's lexer to read the shape of a statement: where an INSERT's data starts and which
 * output format a query names. Strings, quoted identifiers and comments are skipped correctly, so a keyword
 * inside them is never mistaken for one.
 */
final class SqlText {

    /** A word or symbol of the query, with its character range, and its bracket depth. */
    record Token(String text, int start, int end, int depth, boolean word) {
        boolean is(String keyword) {
            return word && text.equalsIgnoreCase(keyword);
        }
    }

    private SqlText() {
    }

    static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Tokens of {@code sql} up to {@code limit} tokens, stopping early after {@code stopAfterFormat} is met
     * (the data of an INSERT follows and must not be lexed).
     */
    static List<Token> tokens(String sql, boolean stopAtInsertData) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int start = i++;
                while (i < n && sql.charAt(i) != c) {
                    i += sql.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                out.add(new Token(sql.substring(start, i), start, i, depth, c != '\''));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                Token token = new Token(sql.substring(start, i), start, i, depth, true);
                out.add(token);
                if (stopAtInsertData && depth == 0 && isInsert(out) && startsData(out)) {
                    return out;
                }
            } else {
                if (c == '(' || c == '[') {
                    depth++;
                } else if ((c == ')' || c == ']') && depth > 0) {
                    depth--;
                }
                out.add(new Token(String.valueOf(c), i, i + 1, depth, false));
                i++;
            }
        }
        return out;
    }

    private static boolean isInsert(List<Token> tokens) {
        return tokens.get(0).is("INSERT");
    }

    /** After VALUES, or after FORMAT and its name, the rest of an INSERT is data. */
    private static boolean startsData(List<Token> tokens) {
        Token last = tokens.get(tokens.size() - 1);
        if (last.is("VALUES")) {
            return true;
        }
        return tokens.size() >= 2 && tokens.get(tokens.size() - 2).is("FORMAT") && tokens.get(tokens.size() - 2).depth() == 0;
    }

    /** The first keyword of the statement, upper case, or "" for an empty text. */
    static String firstKeyword(String sql) {
        List<Token> tokens = tokens(sql, true);
        return tokens.isEmpty() ? "" : tokens.get(0).text().toUpperCase(Locale.ROOT);
    }

    /** The output format a query asks for with a FORMAT clause, or null. */
    static String outputFormat(String sql) {
        List<Token> tokens = tokens(sql, true);
        if (!tokens.isEmpty() && tokens.get(0).is("INSERT")) {
            return null;
        }
        String format = null;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = tokens.get(i + 1);
            if (t.is("FORMAT") && t.depth() == 0 && next.word()) {
                format = unquote(next.text());
            }
        }
        return format;
    }

    /**
     * An INSERT that carries data (FORMAT or VALUES), split into the statement, the input format and where the
     * inline data starts in {@code sql}; null for any other statement (including INSERT ... SELECT).
     */
    static InsertWithData insertWithData(String sql) {
        List<Token> tokens = tokens(sql, true);
        if (tokens.isEmpty() || !tokens.get(0).is("INSERT")) {
            return null;
        }
        Token last = tokens.get(tokens.size() - 1);
        if (last.is("VALUES") && last.depth() == 0) {
            return new InsertWithData(sql.substring(0, last.start()).strip(), "Values", last.end());
        }
        if (tokens.size() >= 2 && tokens.get(tokens.size() - 2).is("FORMAT") && last.word()) {
            Token format = tokens.get(tokens.size() - 2);
            return new InsertWithData(sql.substring(0, format.start()).strip(), unquote(last.text()),
                    dataStart(sql, last.end()));
        }
        return null;
    }

    /** As ClickHouse does: the data begins after the spaces and at most one line break that follow the format name. */
    private static int dataStart(String sql, int afterFormat) {
        int i = afterFormat;
        while (i < sql.length() && (sql.charAt(i) == ' ' || sql.charAt(i) == '\t' || sql.charAt(i) == '\f')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '\r') {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private static String unquote(String word) {
        if (word.length() >= 2 && (word.charAt(0) == '`' || word.charAt(0) == '"')) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }

    /** {@code INSERT INTO t (a, b)} + the format of the data + the offset of inline data in the original text. */
    record InsertWithData(String statement, String format, int dataOffset) {
    }
}
