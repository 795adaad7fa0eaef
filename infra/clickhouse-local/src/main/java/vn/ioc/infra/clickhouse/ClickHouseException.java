package vn.ioc.infra.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An error as ClickHouse reports it: {@code Code: 60. DB::Exception: ... (UNKNOWN_TABLE)}. */
public final class ClickHouseException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");
    private static final Pattern NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]+)\\)(?: \\(version [^)]*\\)*)?\\s*$");

    private final int code;
    private final String name;

    public ClickHouseException(int code, String name, String message) {
        super(message);
        this.code = code;
        this.name = name;
    }

    /** Wraps an error text from the engine, keeping its code and code name. */
    public static ClickHouseException fromEngine(String text) {
        Matcher code = CODE.matcher(text);
        Matcher name = NAME.matcher(text);
        return new ClickHouseException(code.find() ? Integer.parseInt(code.group(1)) : 1001,
                name.find() ? name.group(1) : "STD_EXCEPTION", text.strip());
    }

    /** An error raised here rather than by the engine, worded the way ClickHouse words it. */
    public static ClickHouseException of(int code, String name, String message) {
        return new ClickHouseException(code, name, "Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return name;
    }
}
