// Vietnamese first, English on request. Elements carry data-i18n="key" (text), data-i18n-placeholder or
// data-i18n-title; scripts call IOC.t('key'). The choice is kept in localStorage.
(function () {
  const D = {
    'app.title': ['Trung tâm giám sát, điều hành thông minh', 'Intelligent Operations Center'],
    'app.subtitle': ['Giám sát giải quyết hồ sơ thủ tục hành chính', 'Administrative procedure dossiers'],
    'nav.wall': ['Màn hình IOC', 'IOC wall'],
    'nav.report': ['Báo cáo đơn vị', 'Unit report'],
    'nav.analyst': ['Phân tích', 'Analysis'],
    'nav.admin': ['Quản trị', 'Administration'],
    'nav.logout': ['Đăng xuất', 'Sign out'],
    'lang.switch': ['English', 'Tiếng Việt'],
    'login.title': ['Đăng nhập', 'Sign in'],
    'login.username': ['Tên đăng nhập', 'Username'],
    'login.password': ['Mật khẩu', 'Password'],
    'login.submit': ['Đăng nhập', 'Sign in'],
    'login.error': ['Sai tên đăng nhập hoặc mật khẩu.', 'Wrong username or password.'],
    'login.locked': ['Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút.', 'Too many failed attempts; try again in 15 minutes.'],
    'asof': ['Dữ liệu tính đến', 'Data as of'],
    'asof.none': ['chưa có sự kiện', 'no event yet'],
    'stale.stale': ['Dữ liệu chưa cập nhật', 'Data is not up to date'],
    'stale.down': ['Mất kết nối máy chủ — đang kết nối lại', 'Server unreachable — reconnecting'],
    'stale.component': ['Thành phần gặp sự cố', 'Component down'],
    'stale.lag': ['Đang xử lý dữ liệu tồn', 'Catching up'],
    'kpi.onTimeRate': ['Tỷ lệ giải quyết đúng hạn và trước hạn', 'Resolved on time or early'],
    'kpi.receivedToday': ['Tiếp nhận trong ngày', 'Received today'],
    'kpi.open': ['Đang giải quyết', 'Open'],
    'kpi.overdue': ['Hồ sơ quá hạn', 'Overdue dossiers'],
    'kpi.onlineRate': ['Tiếp nhận trực tuyến', 'Submitted online'],
    'kpi.paymentRate': ['Thanh toán trực tuyến', 'Paid online'],
    'kpi.satisfaction': ['Mức độ hài lòng', 'Satisfaction'],
    'kpi.score766': ['Bộ chỉ số 766 (dự tính)', 'Decision 766 score (projected)'],
    'kpi.month': ['tháng', 'month'],
    'kpi.ofCovered': ['trên số điểm tính được', 'of the points covered'],
    'wall.best': ['Đơn vị dẫn đầu', 'Best units'],
    'wall.worst': ['Đơn vị cần quan tâm', 'Units needing attention'],
    'wall.trend': ['Diễn biến 30 ngày', 'Last 30 days'],
    'wall.treemap': ['Tỷ lệ đúng hạn theo đơn vị', 'On-time rate by unit'],
    'wall.scorecard': ['Bộ chỉ số 766 theo chỉ tiêu', 'Decision 766 by indicator'],
    'wall.alerts': ['Cảnh báo mới', 'Fresh alerts'],
    'wall.noAlerts': ['Không có cảnh báo', 'No active alert'],
    'wall.view1': ['Tổng quan', 'Overview'],
    'wall.view2': ['Đơn vị', 'Units'],
    'series.received': ['Tiếp nhận', 'Received'],
    'series.ended': ['Đã giải quyết', 'Resolved'],
    'series.onTimeRate': ['Tỷ lệ đúng hạn', 'On-time rate'],
    'alert.AT_RISK': ['Sắp đến hạn', 'Due soon'],
    'alert.OVERDUE': ['Quá hạn', 'Overdue'],
    'alert.LATE_WITHOUT_APOLOGY': ['Trễ hạn chưa có văn bản xin lỗi', 'Late, no apology letter'],
    'alert.MULTIPLE_SUPPLEMENTS': ['Yêu cầu bổ sung nhiều lần', 'Several supplement requests'],
    'alert.CLOSED_AT_DUE': ['Kết thúc đúng thời điểm hẹn trả', 'Closed exactly at due time'],
    'alert.LATE': ['Đã giải quyết trễ hạn', 'Resolved late'],
    'grade.excellent': ['Xuất sắc', 'Excellent'], 'grade.good': ['Tốt', 'Good'], 'grade.fair': ['Khá', 'Fair'],
    'grade.average': ['Trung bình', 'Average'], 'grade.weak': ['Yếu', 'Weak'],
    'report.title': ['Báo cáo tình hình giải quyết hồ sơ', 'Dossier handling report'],
    'report.unit': ['Đơn vị', 'Unit'],
    'report.period': ['Kỳ báo cáo', 'Period'],
    'report.date': ['Ngày trong kỳ', 'A day in the period'],
    'report.from': ['Từ ngày', 'From'], 'report.to': ['Đến ngày', 'To'],
    'report.show': ['Xem báo cáo', 'Show'],
    'report.print': ['In / PDF', 'Print / PDF'],
    'period.week': ['Tuần', 'Week'], 'period.month': ['Tháng', 'Month'], 'period.quarter': ['Quý', 'Quarter'],
    'period.year': ['Năm', 'Year'], 'period.range': ['Khoảng ngày', 'Date range'],
    'report.kpis': ['Các chỉ số', 'Indicators'],
    'report.indicator': ['Chỉ số', 'Indicator'],
    'report.current': ['Kỳ này', 'This period'],
    'report.previous': ['Kỳ trước', 'Previous period'],
    'report.change': ['Thay đổi', 'Change'],
    'report.province': ['Toàn tỉnh', 'Province'],
    'report.rank': ['Xếp hạng trong các đơn vị cùng cấp', 'Rank among peer units'],
    'report.rankNone': ['chưa xếp hạng (chưa có hồ sơ)', 'not ranked (no dossier)'],
    'report.of': ['trên', 'of'],
    'report.score766': ['Bộ chỉ số 766 (phần tính được từ dữ liệu hồ sơ)', 'Decision 766 (the part dossier data covers)'],
    'report.code': ['Mã', 'Code'], 'report.ratio': ['Tỷ lệ', 'Ratio'], 'report.maxPoints': ['Điểm tối đa', 'Max points'],
    'report.threshold': ['Ngưỡng', 'Threshold'], 'report.points': ['Điểm', 'Points'],
    'report.total': ['Tổng', 'Total'], 'report.grade': ['Xếp loại', 'Grade'],
    'report.children': ['Đơn vị trực thuộc', 'Units below'],
    'report.procedures': ['Theo thủ tục hành chính', 'By procedure'],
    'report.procedure': ['Thủ tục', 'Procedure'],
    'report.late': ['Hồ sơ trễ hạn, quá hạn và sắp đến hạn', 'Late, overdue and at-risk dossiers'],
    'report.noLate': ['Không có hồ sơ trễ hạn.', 'No late dossier.'],
    'report.dossierId': ['Mã hồ sơ', 'Dossier'], 'report.status': ['Tình trạng', 'Status'],
    'report.receivedAt': ['Tiếp nhận', 'Received'], 'report.dueAt': ['Hạn xử lý', 'Due'],
    'report.endAt': ['Kết thúc', 'Ended'], 'report.daysLate': ['Số ngày trễ', 'Days late'],
    'report.dossiersOf': ['Hồ sơ của thủ tục', 'Dossiers of the procedure'],
    'report.endedInTimeRate': ['Tỷ lệ giải quyết đúng hạn', 'Resolved in time'],
    'dossier.title': ['Hồ sơ', 'Dossier'],
    'dossier.timeline': ['Quá trình xử lý', 'Timeline'],
    'dossier.alerts': ['Cảnh báo', 'Alerts'],
    'dossier.supplements': ['Số lần yêu cầu bổ sung', 'Supplement requests'],
    'dossier.apology': ['Văn bản xin lỗi (hẹn mới)', 'Apology letter (new date)'],
    'dossier.ratings': ['Đánh giá (1–3)', 'Ratings (1–3)'],
    'dossier.from': ['Từ', 'From'], 'dossier.until': ['Đến', 'Until'],
    'dossier.notFound': ['Không tìm thấy hồ sơ.', 'Dossier not found.'],
    'analyst.search': ['Tìm hồ sơ', 'Dossier search'],
    'analyst.sql': ['Truy vấn SQL', 'SQL console'],
    'analyst.schema': ['Lược đồ dữ liệu', 'Schema'],
    'analyst.jdbc': ['Kết nối JDBC', 'JDBC connection'],
    'analyst.run': ['Chạy', 'Run'],
    'analyst.csv': ['Xuất CSV', 'Export CSV'],
    'analyst.rows': ['dòng', 'rows'],
    'analyst.truncated': ['Kết quả bị cắt ở 10.000 dòng', 'Result cut at 10,000 rows'],
    'analyst.code': ['Mã hồ sơ', 'Dossier code'],
    'analyst.channel': ['Kênh', 'Channel'],
    'analyst.any': ['Tất cả', 'Any'],
    'analyst.found': ['hồ sơ', 'dossiers'],
    'analyst.prev': ['Trang trước', 'Previous'], 'analyst.next': ['Trang sau', 'Next'],
    'admin.users': ['Người dùng', 'Users'], 'admin.walls': ['Màn hình IOC (mã truy cập chỉ đọc)', 'Wall screens (read-only tokens)'],
    'admin.deadLetters': ['Sự kiện bị từ chối', 'Rejected events'], 'admin.catalog': ['Danh mục', 'Catalogs'],
    'admin.role': ['Vai trò', 'Role'], 'admin.replay': ['Xử lý lại sau khi sửa nguyên nhân', 'Replay once the cause is fixed'],
    'channel.COUNTER': ['Trực tiếp', 'Counter'], 'channel.ONLINE': ['Trực tuyến', 'Online'], 'channel.POSTAL': ['Bưu chính công ích', 'Postal'],
    'state.NOT_RECEIVED': ['Chưa tiếp nhận', 'Not received'], 'state.OPEN': ['Đang xử lý', 'Open'],
    'state.PAUSED': ['Chờ bổ sung', 'Waiting for supplement'], 'state.EARLY': ['Trước hạn', 'Early'],
    'state.ON_TIME': ['Đúng hạn', 'On time'], 'state.LATE': ['Trễ hạn', 'Late'], 'state.WITHDRAWN': ['Đã rút', 'Withdrawn'],
    'state.STOPPED': ['Dừng xử lý', 'Stopped'], 'state.COMPLETED': ['Đã xử lý xong', 'Completed'], 'state.RETURNED': ['Đã trả kết quả', 'Returned'],
    'event.SUBMITTED': ['Nộp hồ sơ', 'Submitted'], 'event.RECEIVED': ['Tiếp nhận', 'Received'],
    'event.NOT_ACCEPTED': ['Không tiếp nhận', 'Not accepted'], 'event.TRANSFERRED': ['Chuyển xử lý', 'Transferred'],
    'event.SUPPLEMENT_REQUESTED': ['Yêu cầu bổ sung', 'Supplement requested'], 'event.SUPPLEMENT_RECEIVED': ['Nhận bổ sung', 'Supplement received'],
    'event.FEE_REQUESTED': ['Yêu cầu nghĩa vụ tài chính', 'Fee requested'], 'event.PAID': ['Thanh toán', 'Paid'],
    'event.APOLOGY_ISSUED': ['Văn bản xin lỗi', 'Apology letter'], 'event.WITHDRAWN': ['Rút hồ sơ', 'Withdrawn'],
    'event.STOPPED': ['Dừng xử lý', 'Stopped'], 'event.COMPLETED': ['Xử lý xong', 'Completed'],
    'event.RETURNED': ['Trả kết quả', 'Returned'], 'event.RATED': ['Đánh giá', 'Rated'],
    'error.load': ['Không tải được dữ liệu', 'Could not load the data'],
    'status': ['Trạng thái', 'Status'], 'status.up': ['hoạt động', 'up'], 'status.down': ['lỗi', 'down'],
    'status.lag': ['độ trễ', 'lag'], 'status.events': ['sự kiện', 'events']
  };
  const KEY = 'ioc.lang';
  // ?lang=en|vi wins (a kiosk has no button to press), then the last choice made on this browser.
  const asked = new URLSearchParams(location.search).get('lang');
  let lang = asked ? (asked === 'en' ? 'en' : 'vi') : (localStorage.getItem(KEY) === 'en' ? 'en' : 'vi');

  function t(key) {
    const e = D[key];
    return e ? e[lang === 'en' ? 1 : 0] : key;
  }
  function apply(root) {
    (root || document).querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    (root || document).querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    (root || document).querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
    document.documentElement.lang = lang;
  }
  const listeners = [];
  function setLang(l) {
    lang = l === 'en' ? 'en' : 'vi';
    localStorage.setItem(KEY, lang);
    apply();
    listeners.forEach(f => f(lang));
  }
  window.IOC = Object.assign(window.IOC || {}, {
    t, apply, setLang,
    lang: () => lang,
    onLang: f => listeners.push(f),
    locale: () => (lang === 'en' ? 'en-GB' : 'vi-VN')
  });
  document.addEventListener('DOMContentLoaded', () => {
    apply();
    document.querySelectorAll('[data-lang-switch]').forEach(b => b.addEventListener('click', () => setLang(lang === 'vi' ? 'en' : 'vi')));
  });
})();
