package vn.ioc.domain.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogCsvTest {

    private static final String UNIT_HEADER = "code,name,level,parentCode,validFrom,validTo,successorCode\n";
    private static final String PROC_HEADER = "code,name,field,statutoryWorkingDays,feeRequired,onlineLevel\n";
    private static final String CAL_HEADER = "date,kind,name\n";

    private static UnitCatalog units(String csv) {
        return UnitCatalog.parseCsv("units.csv", new StringReader(csv));
    }

    private static CatalogException unitError(String csv) {
        try {
            units(csv);
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("expected a CatalogException");
    }

    @Test
    void readsQuotedNamesBomCrlfAndBlankLines() {
        UnitCatalog c = units("\uFEFF" + UNIT_HEADER.replace("\n", "\r\n")
                + "P,\"Tỉnh A, mẫu\",PROVINCE,,,,\r\n"
                + "\r\n"
                + "   \n"
                + "D,\"Sở \"\"Tư pháp\"\"\",DEPARTMENT,P,2020-01-01,,\r\n");
        assertThat(c.find("P")).get().extracting(Unit::name).isEqualTo("Tỉnh A, mẫu");
        assertThat(c.find("D")).get().extracting(Unit::name).isEqualTo("Sở \"Tư pháp\"");
        assertThat(c.find("D").orElseThrow().validFrom()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(c.children("P")).extracting(Unit::code).containsExactly("D");
    }

    @Test
    void aQuotedValueMaySpanLinesAndLineNumbersStillCountPhysicalLines() {
        CatalogException e = unitError(UNIT_HEADER
                + "P,\"Tỉnh\nA\",PROVINCE,,,,\n"
                + "D,Sở,DEPT,P,,,\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo("level");
        assertThat(e.getMessage()).contains("units.csv", "line 4", "level", "DEPT");
    }

    @Test
    void rejectsAWrongHeader() {
        CatalogException e = unitError("code,name,level,parent,validFrom,validTo,successorCode\nP,T,PROVINCE,,,,\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("header must be exactly code,name,level,parentCode");
    }

    @Test
    void rejectsAWrongColumnCount() {
        CatalogException e = unitError(UNIT_HEADER + "P,T,PROVINCE,,,\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("expected 7 columns, found 6");
    }

    @Test
    void rejectsAnUnclosedQuote() {
        CatalogException e = unitError(UNIT_HEADER + "P,T,PROVINCE,,,,\nD,\"Sở,DEPARTMENT,P,,,\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("never closed");
    }

    @Test
    void rejectsADuplicateCode() {
        CatalogException e = unitError(UNIT_HEADER + "P,T,PROVINCE,,,,\nD,A,DEPARTMENT,P,,,\n\nD,B,DEPARTMENT,P,,,\n");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo("code");
        assertThat(e.getMessage()).contains("duplicate code 'D'", "line 3");
    }

    @Test
    void rejectsAnUnknownParentOrSuccessor() {
        CatalogException parent = unitError(UNIT_HEADER + "P,T,PROVINCE,,,,\nD,A,DEPARTMENT,X,,,\n");
        assertThat(parent.line()).isEqualTo(3);
        assertThat(parent.column()).isEqualTo("parentCode");
        assertThat(parent.getMessage()).contains("parent 'X' is not in the catalog");

        CatalogException successor = unitError(UNIT_HEADER + "P,T,PROVINCE,,,,\nC,A,COMMUNE,P,,2025-06-30,Y\n");
        assertThat(successor.line()).isEqualTo(3);
        assertThat(successor.column()).isEqualTo("successorCode");
    }

    @Test
    void rejectsCycles() {
        CatalogException parents = unitError(UNIT_HEADER + "A,A,DISTRICT,B,,,\nB,B,DISTRICT,A,,,\n");
        assertThat(parents.line()).isEqualTo(2);
        assertThat(parents.column()).isEqualTo("parentCode");
        assertThat(parents.getMessage()).contains("cycle", "A -> B -> A");

        CatalogException self = unitError(UNIT_HEADER + "A,A,PROVINCE,A,,,\n");
        assertThat(self.getMessage()).contains("cycle");

        CatalogException successors = unitError(UNIT_HEADER + "P,T,PROVINCE,,,,\n"
                + "A,A,COMMUNE,P,,2025-06-30,B\nB,B,COMMUNE,P,,2025-06-30,A\n");
        assertThat(successors.column()).isEqualTo("successorCode");
        assertThat(successors.getMessage()).contains("cycle");
    }

    @Test
    void rejectsValidFromAfterValidToAndBadDates() {
        CatalogException order = unitError(UNIT_HEADER + "P,T,PROVINCE,,2025-07-01,2025-06-30,\n");
        assertThat(order.line()).isEqualTo(2);
        assertThat(order.column()).isEqualTo("validTo");

        CatalogException date = unitError(UNIT_HEADER + "P,T,PROVINCE,,01/07/2025,,\n");
        assertThat(date.column()).isEqualTo("validFrom");
        assertThat(date.getMessage()).contains("01/07/2025", "yyyy-MM-dd");
    }

    @Test
    void aMergedUnitNeedsAnEndDate() {
        CatalogException e = unitError(UNIT_HEADER + "P,T,PROVINCE,,,,\nA,A,COMMUNE,P,,,P\n");
        assertThat(e.column()).isEqualTo("validTo");
    }

    @Test
    void ofChecksUnitsToo() {
        Unit p = new Unit("P", "T", UnitLevel.PROVINCE, null, null, null, null);
        Unit orphan = new Unit("C", "C", UnitLevel.COMMUNE, "X", null, null, null);
        assertThatThrownBy(() -> UnitCatalog.of(List.of(p, orphan)))
                .isInstanceOf(CatalogException.class).hasMessageContaining("parent 'X'");
        assertThat(UnitCatalog.of(List.of(p)).root()).contains(p);
    }

    @Test
    void successorOnFollowsAChainOfMergers() {
        UnitCatalog c = units(UNIT_HEADER
                + "P,T,PROVINCE,,,,\n"
                + "A,A,COMMUNE,P,,2020-12-31,B\n"
                + "B,B,COMMUNE,P,2021-01-01,2025-06-30,C\n"
                + "C,C,COMMUNE,P,2025-07-01,,\n");
        assertThat(c.successorOn("A", LocalDate.of(2020, 6, 1))).isEqualTo("A");
        assertThat(c.successorOn("A", LocalDate.of(2022, 6, 1))).isEqualTo("B");
        assertThat(c.successorOn("A", LocalDate.of(2026, 6, 1))).isEqualTo("C");
        assertThat(c.successorOn("C", LocalDate.of(2019, 1, 1))).isEqualTo("C");
        assertThat(c.subtree("P")).containsExactlyInAnyOrder("P", "A", "B", "C");
    }

    @Test
    void procedureErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> ProcedureCatalog.parseCsv("procedures.csv",
                new StringReader(PROC_HEADER + "1.000001,A,F,3,true,FULL\n1.000002,B,F,ba,true,FULL\n")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("procedures.csv line 3, column statutoryWorkingDays");
        assertThatThrownBy(() -> ProcedureCatalog.parseCsv("procedures.csv",
                new StringReader(PROC_HEADER + "1.000001,A,F,3,yes,FULL\n")))
                .hasMessageContaining("line 2, column feeRequired");
        assertThatThrownBy(() -> ProcedureCatalog.parseCsv("procedures.csv",
                new StringReader(PROC_HEADER + "1.000001,A,F,3,true,LEVEL4\n")))
                .hasMessageContaining("line 2, column onlineLevel");
        assertThatThrownBy(() -> ProcedureCatalog.parseCsv("procedures.csv",
                new StringReader(PROC_HEADER + "1.000001,A,F,0,true,FULL\n")))
                .hasMessageContaining("line 2, column statutoryWorkingDays");
        assertThatThrownBy(() -> ProcedureCatalog.parseCsv("procedures.csv",
                new StringReader(PROC_HEADER + "1.000001,A,F,3,true,FULL\n1.000001,B,F,3,true,FULL\n")))
                .hasMessageContaining("line 3, column code").hasMessageContaining("duplicate");
        ProcedureCatalog ok = ProcedureCatalog.parseCsv("p", new StringReader(PROC_HEADER + "1.000001,\"A, B\",F,3,TRUE,NONE\n"));
        assertThat(ok.find("1.000001")).get().extracting(Procedure::name, Procedure::feeRequired).containsExactly("A, B", true);
    }

    @Test
    void calendarChecksWeekdaysAndWeekends() {
        assertThatThrownBy(() -> CalendarCatalog.parseCsv("calendar.csv",
                new StringReader(CAL_HEADER + "2026-04-26,HOLIDAY,Giỗ Tổ\n")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("calendar.csv line 2, column kind").hasMessageContaining("weekday");
        assertThatThrownBy(() -> CalendarCatalog.parseCsv("calendar.csv",
                new StringReader(CAL_HEADER + "2025-01-01,HOLIDAY,A\n2025-05-02,WORKDAY,B\n")))
                .hasMessageContaining("line 3, column kind").hasMessageContaining("Saturday or Sunday");
        assertThatThrownBy(() -> CalendarCatalog.parseCsv("calendar.csv",
                new StringReader(CAL_HEADER + "2025-13-01,HOLIDAY,A\n")))
                .hasMessageContaining("line 2, column date");
        assertThatThrownBy(() -> CalendarCatalog.parseCsv("calendar.csv",
                new StringReader(CAL_HEADER + "2025-01-01,HOLIDAY,A\n2025-01-01,HOLIDAY,B\n")))
                .hasMessageContaining("line 3, column date").hasMessageContaining("duplicate");
        assertThat(CalendarCatalog.parseCsv("c", new StringReader(CAL_HEADER + "2025-04-26,WORKDAY,x\n2025-01-01,HOLIDAY,\"Tết, Dương lịch\"\n")))
                .extracting(CalendarDay::date).containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 26));
    }

    @Test
    void loadReadsADirectoryAndNamesAMissingFile(@TempDir Path dir) throws IOException {
        for (String f : List.of(Catalogs.UNITS_FILE, Catalogs.PROCEDURES_FILE)) {
            try (InputStream in = Catalogs.class.getResourceAsStream("/catalog/default/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        assertThatThrownBy(() -> Catalogs.load(dir))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(dir.resolve("calendar.csv").toString())
                .hasMessageContaining("file not found");
        Files.writeString(dir.resolve(Catalogs.CALENDAR_FILE), CAL_HEADER + "2027-01-01,HOLIDAY,Tết Dương lịch\n");
        Catalogs loaded = Catalogs.load(dir);
        assertThat(loaded.units().all()).hasSameSizeAs(Catalogs.loadDefault().units().all());
        assertThat(loaded.calendarDays()).extracting(CalendarDay::date).containsExactly(LocalDate.of(2027, 1, 1));
    }

    @Test
    void loadReportsInvalidUtf8(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(Catalogs.UNITS_FILE), new byte[]{'c', 'o', (byte) 0xC3, (byte) 0x28});
        Files.writeString(dir.resolve(Catalogs.PROCEDURES_FILE), PROC_HEADER);
        Files.writeString(dir.resolve(Catalogs.CALENDAR_FILE), CAL_HEADER);
        assertThatThrownBy(() -> Catalogs.load(dir))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("units.csv").hasMessageContaining("cannot be read");
    }
}
