package vn.ioc.ingest.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import vn.ioc.domain.sync.NationalSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A snapshot in the portal shape with only the fields the adapter reads, as the snapshot store
 * keeps it: applicant data and other fields of the posted snapshot are not stored.
 * {@link NationalSnapshot#parse} reads it back to an equal snapshot.
 */
public final class SnapshotJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private SnapshotJson() {
    }

    public static byte[] toJson(NationalSnapshot s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("MaHoSo", s.maHoSo());
            g.writeStringField("MaTTHC", s.maTTHC());
            g.writeStringField("DonViXuLy", s.donViXuLy());
            g.writeNumberField("KenhThucHien", s.kenhThucHien().nationalCode());
            time(g, "NgayTiepNhan", s.ngayTiepNhan());
            time(g, "NgayHenTra", s.ngayHenTra());
            g.writeNumberField("TrangThaiHoSo", s.trangThaiHoSo());
            time(g, "NgayKetThucXuLy", s.ngayKetThucXuLy());
            time(g, "NgayTra", s.ngayTra());
            g.writeArrayFieldStart("DanhSachHoSoBoSung");
            for (NationalSnapshot.Supplement sup : s.danhSachHoSoBoSung()) {
                g.writeStartObject();
                time(g, "NgayBoSung", sup.ngayBoSung());
                time(g, "NgayTiepNhanBoSung", sup.ngayTiepNhanBoSung());
                time(g, "NgayHenTraTruoc", sup.ngayHenTraTruoc());
                time(g, "NgayHenTraMoi", sup.ngayHenTraMoi());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("DuocThanhToanTrucTuyen", s.duocThanhToanTrucTuyen() ? 1 : 0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void time(JsonGenerator g, String name, Instant t) throws IOException {
        if (t != null) {
            g.writeStringField(name, NationalSnapshot.portalTime(t));
        }
    }
}
