package vn.ioc.domain.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The three catalogs a province runs with. {@link #loadDefault()} gives the sample province shipped
 * in the jar; {@link #load(Path)} reads an operator's directory holding the same three file names.
 */
public record Catalogs(UnitCatalog units, ProcedureCatalog procedures, List<CalendarDay> calendarDays)
        implements Serializable {

    public static final String UNITS_FILE = "units.csv";
    public static final String PROCEDURES_FILE = "procedures.csv";
    public static final String CALENDAR_FILE = "calendar.csv";
    static final String DEFAULT_RESOURCE_DIR = "/catalog/default/";

    public Catalogs {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(procedures, "procedures");
        calendarDays = List.copyOf(calendarDays);
    }

    /** The sample province from the classpath ({@code /catalog/default/*.csv}). */
    public static Catalogs loadDefault() {
        try (Reader u = resource(UNITS_FILE); Reader p = resource(PROCEDURES_FILE); Reader c = resource(CALENDAR_FILE)) {
            return new Catalogs(
                    UnitCatalog.parseCsv(UNITS_FILE, u),
                    ProcedureCatalog.parseCsv(PROCEDURES_FILE, p),
                    CalendarCatalog.parseCsv(CALENDAR_FILE, c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The catalogs of {@code dir}: units.csv, procedures.csv and calendar.csv, all three required
     * (a missing file is an error naming it, never a silent fallback to the sample province).
     */
    public static Catalogs load(Path dir) {
        Path units = dir.resolve(UNITS_FILE);
        Path procedures = dir.resolve(PROCEDURES_FILE);
        Path calendar = dir.resolve(CALENDAR_FILE);
        try (Reader u = open(units); Reader p = open(procedures); Reader c = open(calendar)) {
            return new Catalogs(
                    UnitCatalog.parseCsv(units.toString(), u),
                    ProcedureCatalog.parseCsv(procedures.toString(), p),
                    CalendarCatalog.parseCsv(calendar.toString(), c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader open(Path file) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CatalogException(file.toString(), "file not found", e);
        } catch (IOException e) {
            throw new CatalogException(file.toString(), "cannot be opened: " + e.getMessage(), e);
        }
    }

    private static Reader resource(String file) {
        InputStream in = Catalogs.class.getResourceAsStream(DEFAULT_RESOURCE_DIR + file);
        if (in == null) {
            throw new CatalogException("classpath:" + DEFAULT_RESOURCE_DIR + file, "resource not found", null);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
