package vn.ioc.domain.catalog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultCatalogsTest {

    private static final String PROVINCE = "000.00.00.H23";
    private static final String SO_XAY_DUNG = "000.00.12.H23";
    private static final String HUYEN_VI_THUY = "000.00.07.H23";
    private static final String TT_NANG_MAU = "000.31.07.H23";
    private static final String XA_VI_THUY_2025 = "000.00.52.H23";

    private final Catalogs catalogs = Catalogs.loadDefault();
    private final UnitCatalog units = catalogs.units();

    @Test
    void holdsTheUnitsAndProceduresOfTheExamples() {
        assertThat(units.find(SO_XAY_DUNG)).get().extracting(Unit::level).isEqualTo(UnitLevel.DEPARTMENT);
        assertThat(units.find(TT_NANG_MAU)).get().extracting(Unit::level).isEqualTo(UnitLevel.COMMUNE);
        assertThat(catalogs.procedures().contains("1.001612")).isTrue();
        assertThat(catalogs.procedures().contains("2.000815")).isTrue();
    }

    @Test
    void theProvinceIsTheRootAndEveryUnitRollsUpToIt() {
        assertThat(units.root()).get().extracting(Unit::code).isEqualTo(PROVINCE);
        assertThat(units.subtree(PROVINCE)).hasSize(units.all().size());
    }

    @Test
    void hasAboutSixteenDepartmentsAndSixToEightDistrictsOfFourToEightCommunes() {
        long departments = units.all().stream().filter(u -> u.level() == UnitLevel.DEPARTMENT).count();
        assertThat(departments).isBetween(14L, 20L);
        var districts = units.all().stream().filter(u -> u.level() == UnitLevel.DISTRICT).toList();
        assertThat(districts).hasSizeBetween(6, 8);
        for (Unit d : districts) {
            assertThat(d.validTo()).isEqualTo(LocalDate.of(2025, 6, 30));
            assertThat(units.children(d.code())).hasSizeBetween(4, 8)
                    .allSatisfy(c -> assertThat(c.successorCode()).isNotNull());
        }
    }

    @Test
    void aDistrictSubtreeKeepsItsMergedCommunes() {
        assertThat(units.subtree(HUYEN_VI_THUY)).hasSize(9).contains(HUYEN_VI_THUY, TT_NANG_MAU);
        assertThat(units.subtree(TT_NANG_MAU)).containsExactly(TT_NANG_MAU);
        assertThat(units.subtree("no-such-unit")).isEmpty();
    }

    @Test
    void oldCommunesMapToTheirMergedCommuneFromJuly2025() {
        assertThat(units.successorOn(TT_NANG_MAU, LocalDate.of(2025, 6, 30))).isEqualTo(TT_NANG_MAU);
        assertThat(units.successorOn(TT_NANG_MAU, LocalDate.of(2025, 7, 1))).isEqualTo(XA_VI_THUY_2025);
        assertThat(units.find(XA_VI_THUY_2025)).get().extracting(Unit::parentCode).isEqualTo(PROVINCE);
    }

    @Test
    void mergedDepartmentsMapToTheirSuccessorFromMarch2025() {
        assertThat(units.successorOn("000.00.13.H23", LocalDate.of(2025, 2, 28))).isEqualTo("000.00.13.H23");
        assertThat(units.successorOn("000.00.13.H23", LocalDate.of(2025, 3, 1))).isEqualTo("000.00.14.H23");
    }

    @Test
    void aClosedUnitWithoutSuccessorStaysItself() {
        assertThat(units.successorOn(HUYEN_VI_THUY, LocalDate.of(2026, 1, 1))).isEqualTo(HUYEN_VI_THUY);
        assertThatThrownBy(() -> units.successorOn("nope", LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void calendarHasTheHolidaysAndSwapsOf2025And2026() {
        var byDate = new java.util.HashMap<LocalDate, CalendarDayKind>();
        catalogs.calendarDays().forEach(d -> byDate.put(d.date(), d.kind()));
        for (LocalDate d = LocalDate.of(2025, 1, 27); !d.isAfter(LocalDate.of(2025, 1, 31)); d = d.plusDays(1)) {
            assertThat(byDate).containsEntry(d, CalendarDayKind.HOLIDAY);
        }
        for (LocalDate d = LocalDate.of(2026, 2, 16); !d.isAfter(LocalDate.of(2026, 2, 20)); d = d.plusDays(1)) {
            assertThat(byDate).containsEntry(d, CalendarDayKind.HOLIDAY);
        }
        assertThat(byDate)
                .containsEntry(LocalDate.of(2026, 4, 27), CalendarDayKind.HOLIDAY)
                .containsEntry(LocalDate.of(2025, 4, 26), CalendarDayKind.WORKDAY)
                .containsEntry(LocalDate.of(2025, 5, 2), CalendarDayKind.HOLIDAY)
                .containsEntry(LocalDate.of(2025, 9, 2), CalendarDayKind.HOLIDAY)
                .containsEntry(LocalDate.of(2026, 9, 2), CalendarDayKind.HOLIDAY)
                .doesNotContainKey(LocalDate.of(2025, 6, 5));
        assertThat(catalogs.calendarDays()).allSatisfy(d -> assertThat(d.kind() == CalendarDayKind.WORKDAY)
                .isEqualTo(d.date().getDayOfWeek() == DayOfWeek.SATURDAY || d.date().getDayOfWeek() == DayOfWeek.SUNDAY));
    }

    @Test
    void proceduresHaveStatutoryDaysBetweenOneAndTwenty() {
        assertThat(catalogs.procedures().all()).hasSizeGreaterThanOrEqualTo(35)
                .allSatisfy(p -> assertThat(p.statutoryWorkingDays()).isBetween(1, 20));
        assertThat(catalogs.procedures().statutoryWorkingDays("1.001612")).isEqualTo(3);
        assertThatThrownBy(() -> catalogs.procedures().statutoryWorkingDays("9.999999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9.999999");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(catalogs);
        }
        Catalogs copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Catalogs) in.readObject();
        }
        assertThat(copy.units().all()).containsExactlyElementsOf(units.all());
        assertThat(copy.units().subtree(HUYEN_VI_THUY)).isEqualTo(units.subtree(HUYEN_VI_THUY));
        assertThat(copy.procedures().all()).containsExactlyElementsOf(catalogs.procedures().all());
        assertThat(copy.calendarDays()).isEqualTo(catalogs.calendarDays());
    }

    @Test
    void theCheckToolSummarizesACatalog() {
        assertThat(CatalogCheck.summary(catalogs))
                .contains("units: 89", "PROVINCE=1", "root 000.00.00.H23", "procedures: 45", "HOLIDAY=24", "WORKDAY=2");
    }
}
