package vn.ioc.domain.event;

/**
 * What happened to a dossier. The number in brackets is the national portal's TrangThaiHoSo the
 * event moves the dossier into, where there is one.
 */
public enum EventType {
    /** (1) Mới đăng ký: submitted online, not yet accepted. */
    SUBMITTED,
    /** (2) Được tiếp nhận: accepted; the processing clock starts. */
    RECEIVED,
    /** (3) Không được tiếp nhận: refused at reception; never counts as received. */
    NOT_ACCEPTED,
    /** Passed to another unit (liên thông). */
    TRANSFERRED,
    /** (5) Yêu cầu bổ sung giấy tờ: opens a pause of the processing clock. */
    SUPPLEMENT_REQUESTED,
    /** The citizen returned the supplement: closes the open pause. */
    SUPPLEMENT_RECEIVED,
    /** (6) Yêu cầu thực hiện nghĩa vụ tài chính. */
    FEE_REQUESTED,
    /** A fee was paid, online or not. */
    PAID,
    /** Văn bản xin lỗi with a new appointment date. */
    APOLOGY_ISSUED,
    /** (7) Công dân yêu cầu rút hồ sơ. */
    WITHDRAWN,
    /** (8) Dừng xử lý. */
    STOPPED,
    /** (9) Đã xử lý xong. */
    COMPLETED,
    /** (10) Đã trả kết quả. */
    RETURNED,
    /** The citizen rated the handling: 1 Không hài lòng, 2 Hài lòng, 3 Rất hài lòng. */
    RATED
}
