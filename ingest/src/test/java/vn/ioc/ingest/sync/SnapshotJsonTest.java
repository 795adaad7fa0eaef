package vn.ioc.ingest.sync;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.sync.NationalSnapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotJsonTest {

    @Test
    void aStoredSnapshotReadsBackEqualWithoutTheFieldsTheAdapterIgnores() throws Exception {
        String example = Files.readString(Path.of("/work/shared/domain/examples/dvcqg-snapshot.json"));
        NationalSnapshot s = NationalSnapshot.parse(example);
        String stored = new String(SnapshotJson.toJson(s), StandardCharsets.UTF_8);
        assertThat(NationalSnapshot.parse(stored)).isEqualTo(s);
        assertThat(stored).doesNotContain("TenTTHC");
    }

    @Test
    void everyStatusAndOptionalDateSurvives() {
        String json = "{\"MaHoSo\":\"X-1\",\"MaTTHC\":\"1.001612\",\"DonViXuLy\":\"U\",\"KenhThucHien\":\"3\","
                + "\"NgayTiepNhan\":\"20250603141000\",\"TrangThaiHoSo\":10,\"NgayKetThucXuLy\":\"20250604141000\","
                + "\"NgayTra\":\"20250605090000\",\"DuocThanhToanTrucTuyen\":true,\"DanhSachHoSoBoSung\":["
                + "{\"NgayBoSung\":\"20250603150000\"}]}";
        NationalSnapshot s = NationalSnapshot.parse(json);
        assertThat(NationalSnapshot.parse(new String(SnapshotJson.toJson(s), StandardCharsets.UTF_8))).isEqualTo(s);
    }
}
