package vn.ioc.domain.alerts;

/** What a department head or the IOC should look at, about one dossier. */
public enum AlertKind {
    /** Sắp đến hạn: open, clock running, due within one working day. */
    AT_RISK,
    /** Quá hạn: open and overdue (the reading of the KPI rules, at any instant). */
    OVERDUE,
    /** Trễ hạn chưa có văn bản xin lỗi: overdue or ended late, and no apology letter yet. */
    LATE_WITHOUT_APOLOGY,
    /** Yêu cầu bổ sung nhiều lần: more than one supplement request (the dossier counts as late). */
    MULTIPLE_SUPPLEMENTS,
    /** Kết thúc đúng thời điểm hẹn trả: completed exactly at the due instant, a sign of forced closing. */
    CLOSED_AT_DUE
}
