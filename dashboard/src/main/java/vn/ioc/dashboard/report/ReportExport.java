package vn.ioc.dashboard.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.ioc.dashboard.dossier.DossierRepository.LateDossier;
import vn.ioc.dashboard.kpi.KpiRepository.ProcedureCounts;
import vn.ioc.dashboard.web.Csv;
import vn.ioc.dashboard.web.Times;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.kpi.Decision766;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A department report as a spreadsheet: CSV (one file, sections one after the other) or XLSX (one
 * sheet per section). Rates are fractions (0.953), formatted as percentages in the XLSX.
 */
public final class ReportExport {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(Times.ZONE);

    private ReportExport() {
    }

    /** The sections of the report as tables of cells, shared by both formats. */
    record Table(String title, List<String> header, List<List<Object>> rows) {
    }

    static List<Table> tables(Report r, Catalogs catalogs) {
        List<Table> tables = new ArrayList<>();
        List<List<Object>> kpis = new ArrayList<>();
        for (KpiLabels.Label l : KpiLabels.ALL) {
            kpis.add(nullable(l.vi(), value(l, r, 0), value(l, r, 1), value(l, r, 2)));
        }
        tables.add(new Table("Chỉ số", List.of("Chỉ số", r.period().labelVi(), "Kỳ trước (" + r.previousPeriod().labelVi() + ")",
                r.province().name()), kpis));

        List<List<Object>> score = new ArrayList<>();
        for (Decision766.IndicatorScore i : r.scorecard().indicators()) {
            score.add(nullable(i.code(), i.name(), i.r(), i.points(), i.threshold(), i.score()));
        }
        score.add(nullable("", "Tổng điểm các chỉ số tính được", null, r.scorecard().coveredPoints(), null, r.scorecard().points()));
        score.add(nullable("", "Xếp loại", r.scorecard().percent() == null ? null : r.scorecard().percent() / 100, null, null,
                r.scorecard().grade() == null ? null : Decision766.gradeLabelVi(r.scorecard().grade())));
        tables.add(new Table("Bộ chỉ số 766", List.of("Mã", "Chỉ số", "Tỷ lệ", "Điểm tối đa", "Ngưỡng", "Điểm"), score));

        List<List<Object>> late = new ArrayList<>();
        for (LateDossier d : r.late()) {
            late.add(nullable(d.dossierId(), kindVi(d.kind()), catalogs.units().find(d.unitCode()).map(u -> u.name()).orElse(d.unitCode()),
                    d.procedureCode(), catalogs.procedures().nameOf(d.procedureCode()), time(d.receivedAt()),
                    time(d.dueAt()), time(d.endAt()), d.daysLate()));
        }
        if (r.lateTruncated()) { // said in the file itself: a spreadsheet passed on must not look whole
            late.add(nullable("Danh sách chỉ gồm " + ReportService.LATE_LIMIT + " hồ sơ đầu tiên của mỗi nhóm (quá hạn, sắp đến hạn;"
                    + " đã giải quyết trễ hạn); tra cứu đủ trong Không gian phân tích"));
        }
        tables.add(new Table("Hồ sơ trễ hạn", List.of("Mã hồ sơ", "Tình trạng", "Đơn vị", "Mã thủ tục", "Thủ tục",
                "Tiếp nhận", "Hạn xử lý", "Kết thúc", "Số ngày trễ"), late));

        List<List<Object>> procedures = new ArrayList<>();
        for (ProcedureCounts p : r.procedures()) {
            procedures.add(nullable(p.procedureCode(), catalogs.procedures().nameOf(p.procedureCode()), p.received(),
                    p.ended(), p.early(), p.onTime(), p.late(), p.openAtEnd(), p.endedInTimeRate()));
        }
        tables.add(new Table("Theo thủ tục", List.of("Mã thủ tục", "Thủ tục", "Tiếp nhận", "Đã giải quyết", "Trước hạn",
                "Đúng hạn", "Trễ hạn", "Đang giải quyết cuối kỳ", "Tỷ lệ giải quyết đúng hạn"), procedures));
        return tables;
    }

    public static String csv(Report r, Catalogs catalogs) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        Csv.line(sb, List.of("Báo cáo", r.unit().name() + " (" + r.unit().code() + ")"));
        Csv.line(sb, List.of("Kỳ báo cáo", r.period().labelVi(), r.period().from().toString(), r.period().to().toString()));
        Csv.line(sb, List.of("Dữ liệu tính đến", r.asOf() == null ? "" : time(r.asOf())));
        Csv.line(sb, nullable("Xếp hạng", r.rank().position(), "trên", r.rank().rankedPeers()));
        for (Table t : tables(r, catalogs)) {
            sb.append("\r\n");
            Csv.line(sb, List.of(t.title()));
            Csv.line(sb, t.header());
            for (List<Object> row : t.rows()) {
                Csv.line(sb, row);
            }
        }
        return sb.toString();
    }

    public static byte[] xlsx(Report r, Catalogs catalogs) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            CellStyle decimal = wb.createCellStyle();
            decimal.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            for (Table t : tables(r, catalogs)) {
                Sheet sheet = wb.createSheet(t.title());
                int rowIndex = 0;
                Row title = sheet.createRow(rowIndex++);
                cell(title, 0, r.unit().name() + " — " + r.period().labelVi() + " — " + t.title(), bold);
                Row header = sheet.createRow(rowIndex++);
                for (int i = 0; i < t.header().size(); i++) {
                    cell(header, i, t.header().get(i), bold);
                }
                for (List<Object> values : t.rows()) {
                    Row row = sheet.createRow(rowIndex++);
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i);
                        CellStyle style = null;
                        if (v instanceof Number && isRateCell(t, values, i)) {
                            style = percent;
                        } else if (v instanceof Double) {
                            style = decimal;
                        }
                        cell(row, i, v, style);
                    }
                }
                for (int i = 0; i < t.header().size(); i++) {
                    sheet.autoSizeColumn(i);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which numbers are rates: the KPI rows of kind RATE, the 766 ratio and threshold columns, the procedure rate. */
    private static boolean isRateCell(Table t, List<Object> values, int column) {
        if (t.title().equals("Chỉ số")) {
            String name = (String) values.get(0);
            return column > 0 && KpiLabels.ALL.stream().anyMatch(l -> l.vi().equals(name) && l.kind() == KpiLabels.Kind.RATE);
        }
        if (t.title().equals("Bộ chỉ số 766")) {
            return column == 2 || column == 4;
        }
        return t.title().equals("Theo thủ tục") && column == values.size() - 1;
    }

    private static void cell(Row row, int column, Object v, CellStyle style) {
        Cell c = row.createCell(column);
        if (v instanceof Number n) {
            c.setCellValue(n.doubleValue());
        } else if (v != null) {
            c.setCellValue(v.toString());
        }
        if (style != null) {
            c.setCellStyle(style);
        }
    }

    private static Object value(KpiLabels.Label l, Report r, int which) {
        return l.value().apply(which == 0 ? r.current() : which == 1 ? r.previous() : r.provinceCounts());
    }

    static String kindVi(String kind) {
        return switch (kind) {
            case "LATE" -> "Đã giải quyết trễ hạn";
            case "OVERDUE" -> "Quá hạn";
            case "AT_RISK" -> "Sắp đến hạn";
            default -> kind;
        };
    }

    private static String time(Instant t) {
        return t == null ? null : LOCAL.format(t);
    }

    /** List.of refuses nulls; a report has empty cells. */
    private static List<Object> nullable(Object... cells) {
        List<Object> out = new ArrayList<>(cells.length);
        for (Object c : cells) {
            out.add(c);
        }
        return out;
    }
}
