package vn.ioc.dashboard.report;

import vn.ioc.domain.kpi.KpiCounts;

import java.util.List;
import java.util.function.Function;

/** The KPIs a report lists, with the ministry's terms, in report order. */
public final class KpiLabels {

    public enum Kind { COUNT, RATE, DAYS }

    public record Label(String key, String vi, String en, Kind kind, Function<KpiCounts, Number> value) {
    }

    public static final List<Label> ALL = List.of(
            new Label("received", "Hồ sơ tiếp nhận", "Dossiers received", Kind.COUNT, KpiCounts::received),
            new Label("ended", "Hồ sơ đã giải quyết", "Dossiers resolved", Kind.COUNT, KpiCounts::ended),
            new Label("early", "Giải quyết trước hạn", "Resolved early", Kind.COUNT, KpiCounts::early),
            new Label("onTime", "Giải quyết đúng hạn", "Resolved on time", Kind.COUNT, KpiCounts::onTime),
            new Label("late", "Giải quyết trễ hạn", "Resolved late", Kind.COUNT, KpiCounts::late),
            new Label("withdrawn", "Hồ sơ rút", "Withdrawn", Kind.COUNT, KpiCounts::withdrawn),
            new Label("openAtEnd", "Đang giải quyết cuối kỳ", "Open at period end", Kind.COUNT, KpiCounts::openAtEnd),
            new Label("overdueAtEnd", "Hồ sơ quá hạn cuối kỳ", "Overdue at period end", Kind.COUNT, KpiCounts::overdueAtEnd),
            new Label("onTimeRate", "Tỷ lệ giải quyết đúng hạn và trước hạn", "On-time and early rate", Kind.RATE,
                    KpiCounts::onTimeRate),
            new Label("onlineRate", "Tỷ lệ tiếp nhận trực tuyến", "Online submission rate", Kind.RATE, KpiCounts::onlineRate),
            new Label("onlinePaymentRate", "Tỷ lệ thanh toán trực tuyến", "Online payment rate", Kind.RATE,
                    KpiCounts::onlinePaymentRate),
            new Label("electronicResultRate", "Tỷ lệ trả kết quả điện tử", "Electronic result rate", Kind.RATE,
                    KpiCounts::electronicResultRate),
            new Label("satisfactionRate", "Mức độ hài lòng", "Satisfaction rate", Kind.RATE, KpiCounts::satisfactionRate),
            new Label("avgProcessingWorkingDays", "Thời gian giải quyết bình quân (ngày làm việc)",
                    "Average processing time (working days)", Kind.DAYS, KpiCounts::avgProcessingWorkingDays));

    private KpiLabels() {
    }
}
