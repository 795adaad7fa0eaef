package vn.ioc.domain.catalog;

/**
 * A catalog file an operator wrote cannot be used. The message names the file, the line (1-based,
 * counting every physical line of the file) and the column, so the operator can go straight to it.
 */
public class CatalogException extends RuntimeException {

    private final String source;
    private final int line;
    private final String column;
    private final String problem;

    /** A problem at a line of the file; {@code column} is null when the whole line is wrong. */
    public CatalogException(String source, int line, String column, String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** A problem with the file as a whole (missing, unreadable); {@link #line()} is 0. */
    public CatalogException(String source, String problem, Throwable cause) {
        super(format(source, 0, null, problem), cause);
        this.source = source;
        this.line = 0;
        this.column = null;
        this.problem = problem;
    }

    private static String format(String source, int line, String column, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        if (column != null) {
            sb.append(", column ").append(column);
        }
        return sb.append(": ").append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
