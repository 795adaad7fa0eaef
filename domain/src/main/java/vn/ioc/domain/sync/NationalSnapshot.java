package vn.ioc.domain.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ioc.domain.event.Channel;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One dossier as the national public service portal's sync format (DongBoHoSoMC) carries it at a
 * moment. Portal dates ({@code yyyyMMddHHmmss}, local time Asia/Ho_Chi_Minh) are held as instants;
 * absent ones are null. Fields of the portal shape not listed here (TenTTHC, applicant data, ...)
 * are ignored.
 *
 * @param maHoSo                  MaHoSo, the dossier code
 * @param maTTHC                  MaTTHC, the procedure code
 * @param donViXuLy               DonViXuLy, the unit handling the dossier now
 * @param kenhThucHien            KenhThucHien 1/2/3
 * @param ngayTiepNhan            NgayTiepNhan, when it was accepted
 * @param ngayHenTra              NgayHenTra, the appointment date as the portal holds it now
 * @param trangThaiHoSo           TrangThaiHoSo 1..10
 * @param ngayKetThucXuLy         NgayKetThucXuLy, when processing ended
 * @param ngayTra                 NgayTra, when the result was handed back
 * @param danhSachHoSoBoSung      DanhSachHoSoBoSung, the supplement requests, sorted by NgayBoSung
 * @param duocThanhToanTrucTuyen  DuocThanhToanTrucTuyen, paid through an online gateway
 */
public record NationalSnapshot(
        String maHoSo,
        String maTTHC,
        String donViXuLy,
        Channel kenhThucHien,
        Instant ngayTiepNhan,
        Instant ngayHenTra,
        int trangThaiHoSo,
        Instant ngayKetThucXuLy,
        Instant ngayTra,
        List<Supplement> danhSachHoSoBoSung,
        boolean duocThanhToanTrucTuyen) implements Serializable {

    /** The portal's clock. */
    public static final ZoneId PORTAL_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Keeps the derived event ids (prefix, type, timestamp) within the contract's 128 characters. */
    public static final int MAX_MA_HO_SO_LENGTH = 80;
    static final DateTimeFormatter PORTAL_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** Statuses after acceptance, for which NgayTiepNhan must be present. */
    private static final Set<Integer> ACCEPTED_STATUSES = Set.of(2, 4, 5, 6, 9, 10);

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxStringLength(1 << 20).maxNumberLength(64).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One entry of DanhSachHoSoBoSung: a supplement request (NgayBoSung), the citizen's return
     * (NgayTiepNhanBoSung, null while awaited), and the appointment date before and after it.
     */
    public record Supplement(Instant ngayBoSung, Instant ngayTiepNhanBoSung,
                             Instant ngayHenTraTruoc, Instant ngayHenTraMoi) implements Serializable {
        public Supplement {
            Objects.requireNonNull(ngayBoSung, "ngayBoSung");
        }
    }

    public NationalSnapshot {
        Objects.requireNonNull(maHoSo, "maHoSo");
        danhSachHoSoBoSung = danhSachHoSoBoSung.stream()
                .sorted(Comparator.comparing(Supplement::ngayBoSung))
                .toList();
    }

    /** The portal's text form of an instant: {@code yyyyMMddHHmmss} in Asia/Ho_Chi_Minh. */
    public static String portalTime(Instant t) {
        return PORTAL_TIME.format(t.atZone(PORTAL_ZONE));
    }

    /**
     * Reads one snapshot. Besides the format of each field it checks that the dates a status
     * implies are there: NgayTiepNhan for an accepted dossier (status 2, 4, 5, 6, 9, 10),
     * NgayKetThucXuLy for 9, NgayTra for 10, NgayKetThucXuLy or NgayTra for 7 and 8 (the time of
     * the withdrawal or stop), NgayKetThucXuLy or NgayTiepNhan for 3 (the refusal).
     *
     * @throws SyncFormatException naming the field at fault
     */
    public static NationalSnapshot parse(String json) {
        if (json == null || json.isBlank()) {
            throw new SyncFormatException(null, "empty input");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SyncFormatException(null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SyncFormatException(null, "must be a JSON object");
        }
        String maHoSo = requiredString(root, "MaHoSo");
        if (maHoSo.length() > MAX_MA_HO_SO_LENGTH) {
            throw new SyncFormatException("MaHoSo", "is " + maHoSo.length() + " characters long, at most "
                    + MAX_MA_HO_SO_LENGTH + " allowed");
        }
        String maTTHC = requiredString(root, "MaTTHC");
        String donViXuLy = requiredString(root, "DonViXuLy");
        int kenh = requiredInt(root, "KenhThucHien");
        if (kenh < 1 || kenh > 3) {
            throw new SyncFormatException("KenhThucHien", "must be 1 (trực tiếp), 2 (trực tuyến) or 3 (bưu chính), was " + kenh);
        }
        int status = requiredInt(root, "TrangThaiHoSo");
        if (status < 1 || status > 10) {
            throw new SyncFormatException("TrangThaiHoSo", "must be between 1 and 10, was " + status);
        }
        Instant ngayTiepNhan = time(root, "NgayTiepNhan", "NgayTiepNhan");
        Instant ngayHenTra = time(root, "NgayHenTra", "NgayHenTra");
        Instant ngayKetThucXuLy = time(root, "NgayKetThucXuLy", "NgayKetThucXuLy");
        Instant ngayTra = time(root, "NgayTra", "NgayTra");
        List<Supplement> supplements = supplements(root);
        boolean paidOnline = flag(root, "DuocThanhToanTrucTuyen");

        if (ACCEPTED_STATUSES.contains(status) && ngayTiepNhan == null) {
            throw new SyncFormatException("NgayTiepNhan", "is required when TrangThaiHoSo is " + status);
        }
        if (status == 9 && ngayKetThucXuLy == null) {
            throw new SyncFormatException("NgayKetThucXuLy", "is required when TrangThaiHoSo is 9 (Đã xử lý xong)");
        }
        if (status == 10 && ngayTra == null) {
            throw new SyncFormatException("NgayTra", "is required when TrangThaiHoSo is 10 (Đã trả kết quả)");
        }
        if ((status == 7 || status == 8) && ngayKetThucXuLy == null && ngayTra == null) {
            throw new SyncFormatException("NgayKetThucXuLy", "is required when TrangThaiHoSo is " + status
                    + ": it is the time the dossier was " + (status == 7 ? "withdrawn" : "stopped"));
        }
        if (status == 3 && ngayKetThucXuLy == null && ngayTiepNhan == null) {
            throw new SyncFormatException("NgayKetThucXuLy", "is required when TrangThaiHoSo is 3: it is the time of the refusal");
        }
        return new NationalSnapshot(maHoSo, maTTHC, donViXuLy, Channel.fromNationalCode(kenh), ngayTiepNhan, ngayHenTra,
                status, ngayKetThucXuLy, ngayTra, supplements, paidOnline);
    }

    private static JsonNode field(JsonNode obj, String name) {
        JsonNode n = obj.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private static String requiredString(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            throw new SyncFormatException(name, "is required");
        }
        if (!n.isTextual()) {
            throw new SyncFormatException(name, "must be a JSON string, was " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (n.textValue().isBlank()) {
            throw new SyncFormatException(name, "must not be empty");
        }
        return n.textValue().strip();
    }

    /** Whole numbers come as JSON numbers from most systems and as strings ("1") from some. */
    private static int requiredInt(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            throw new SyncFormatException(name, "is required");
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual() && n.textValue().strip().matches("\\d{1,3}")) {
            return Integer.parseInt(n.textValue().strip());
        }
        throw new SyncFormatException(name, "must be a whole number, was " + n);
    }

    /** 0/1 as number or string, or a JSON boolean; absent or null is 0. */
    private static boolean flag(JsonNode obj, String name) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber() || n.isTextual()) {
            String v = n.asText().strip();
            if (v.equals("1")) {
                return true;
            }
            if (v.equals("0") || v.isEmpty()) {
                return false;
            }
        }
        throw new SyncFormatException(name, "must be 0 or 1, was " + n);
    }

    private static Instant time(JsonNode obj, String name, String shownName) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual() && !n.isIntegralNumber()) {
            throw new SyncFormatException(shownName, "must be a date yyyyMMddHHmmss, was " + n);
        }
        String v = n.asText().strip();
        if (v.isEmpty()) {
            return null;
        }
        if (!v.matches("\\d{14}")) {
            throw new SyncFormatException(shownName, "'" + abbreviate(v) + "' is not a date yyyyMMddHHmmss");
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(v, PORTAL_TIME);
        } catch (DateTimeException e) {
            throw new SyncFormatException(shownName, "'" + v + "' is not a real date and time");
        }
        if (local.getYear() < 2000 || local.getYear() > 2100) {
            throw new SyncFormatException(shownName, "'" + v + "' is outside the years 2000 to 2100");
        }
        return local.atZone(PORTAL_ZONE).toInstant();
    }

    private static List<Supplement> supplements(JsonNode root) {
        JsonNode list = field(root, "DanhSachHoSoBoSung");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new SyncFormatException("DanhSachHoSoBoSung", "must be a JSON array");
        }
        List<Supplement> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "DanhSachHoSoBoSung[" + i + "].";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new SyncFormatException("DanhSachHoSoBoSung[" + i + "]", "must be a JSON object");
            }
            Instant requested = time(entry, "NgayBoSung", prefix + "NgayBoSung");
            if (requested == null) {
                throw new SyncFormatException(prefix + "NgayBoSung", "is required");
            }
            Instant returned = time(entry, "NgayTiepNhanBoSung", prefix + "NgayTiepNhanBoSung");
            if (returned != null && returned.isBefore(requested)) {
                throw new SyncFormatException(prefix + "NgayTiepNhanBoSung", "is before NgayBoSung");
            }
            result.add(new Supplement(requested, returned,
                    time(entry, "NgayHenTraTruoc", prefix + "NgayHenTraTruoc"),
                    time(entry, "NgayHenTraMoi", prefix + "NgayHenTraMoi")));
        }
        return result;
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
