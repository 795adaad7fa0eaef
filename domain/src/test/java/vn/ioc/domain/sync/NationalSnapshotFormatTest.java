package vn.ioc.domain.sync;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NationalSnapshotFormatTest {

    private static final String VALID = "{\"MaHoSo\":\"000.31.07.H23-250603-0042\",\"MaTTHC\":\"2.000815\","
            + "\"DonViXuLy\":\"000.00.12.H23\",\"KenhThucHien\":1,\"NgayTiepNhan\":\"20250603141000\","
            + "\"NgayHenTra\":\"20250616170000\",\"TrangThaiHoSo\":4,\"NgayKetThucXuLy\":null,\"NgayTra\":null,"
            + "\"DanhSachHoSoBoSung\":[{\"NgayBoSung\":\"20250605100000\"}],\"DuocThanhToanTrucTuyen\":0}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "\"MaHoSo\":\"000.31.07.H23-250603-0042\"|\"MaHoSo\":null|MaHoSo",
            "\"MaTTHC\":\"2.000815\"|\"MaTTHC\":15|MaTTHC",
            "\"DonViXuLy\":\"000.00.12.H23\"|\"DonViXuLy\":\"  \"|DonViXuLy",
            "\"KenhThucHien\":1|\"KenhThucHien\":4|KenhThucHien",
            "\"KenhThucHien\":1|\"KenhThucHien\":\"tại quầy\"|KenhThucHien",
            "\"TrangThaiHoSo\":4|\"TrangThaiHoSo\":11|TrangThaiHoSo",
            "\"NgayHenTra\":\"20250616170000\"|\"NgayHenTra\":\"2025-06-16 17:00\"|NgayHenTra",
            "\"NgayHenTra\":\"20250616170000\"|\"NgayHenTra\":\"20250231170000\"|NgayHenTra",
            "\"NgayHenTra\":\"20250616170000\"|\"NgayHenTra\":\"19990616170000\"|NgayHenTra",
            "\"NgayTiepNhan\":\"20250603141000\"|\"NgayTiepNhan\":null|NgayTiepNhan",
            "\"TrangThaiHoSo\":4|\"TrangThaiHoSo\":9|NgayKetThucXuLy",
            "\"TrangThaiHoSo\":4|\"TrangThaiHoSo\":10|NgayTra",
            "\"TrangThaiHoSo\":4|\"TrangThaiHoSo\":7|NgayKetThucXuLy",
            "\"NgayBoSung\":\"20250605100000\"|\"NgayTiepNhanBoSung\":\"20250605100000\"|DanhSachHoSoBoSung[0].NgayBoSung",
            "\"NgayBoSung\":\"20250605100000\"|\"NgayBoSung\":\"20250605100000\",\"NgayTiepNhanBoSung\":\"20250604100000\"|DanhSachHoSoBoSung[0].NgayTiepNhanBoSung",
            "[{\"NgayBoSung\":\"20250605100000\"}]|{}|DanhSachHoSoBoSung",
            "\"DuocThanhToanTrucTuyen\":0|\"DuocThanhToanTrucTuyen\":2|DuocThanhToanTrucTuyen"})
    void aBadFieldIsNamed(String good, String bad, String field) {
        String json = VALID.replace(good, bad);
        assertThatThrownBy(() -> NationalSnapshot.parse(json))
                .isInstanceOfSatisfying(SyncFormatException.class, e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ":");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[]", "not json", "{\"MaHoSo\":", "' '"})
    void aBadDocumentIsRejectedAsAWhole(String json) {
        assertThatThrownBy(() -> NationalSnapshot.parse(json))
                .isInstanceOfSatisfying(SyncFormatException.class, e -> org.assertj.core.api.Assertions.assertThat(e.field()).isNull());
    }
}
