package vn.ioc.domain.catalog;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks an operator's catalog directory before it is deployed:
 * {@code java -cp ioc-domain.jar vn.ioc.domain.catalog.CatalogCheck /etc/ioc/catalog}
 * prints a summary and exits 0, or prints the first error (file, line, column) and exits 1.
 * Without an argument it checks the sample province shipped in the jar.
 */
public final class CatalogCheck {

    private CatalogCheck() {
    }

    public static void main(String[] args) {
        try {
            Catalogs c = args.length == 0 ? Catalogs.loadDefault() : Catalogs.load(Path.of(args[0]));
            System.out.println(summary(c));
        } catch (CatalogException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    static String summary(Catalogs c) {
        Map<UnitLevel, Long> levels = c.units().all().stream()
                .collect(Collectors.groupingBy(Unit::level, () -> new TreeMap<>(), Collectors.counting()));
        Map<CalendarDayKind, Long> kinds = c.calendarDays().stream()
                .collect(Collectors.groupingBy(CalendarDay::kind, () -> new TreeMap<>(), Collectors.counting()));
        return "units: " + c.units().all().size() + " " + levels
                + ", root " + c.units().root().map(Unit::code).orElse("none")
                + "; procedures: " + c.procedures().all().size()
                + "; calendar days: " + c.calendarDays().size() + " " + kinds;
    }
}
