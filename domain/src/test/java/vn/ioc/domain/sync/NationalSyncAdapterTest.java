package vn.ioc.domain.sync;

import org.junit.jupiter.api.Test;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.event.Channel;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventJson;
import vn.ioc.domain.event.EventType;
import vn.ioc.domain.event.EventValidator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NationalSyncAdapterTest {

    private static final String DOSSIER = "000.31.07.H23-250603-0042";
    private static final String COMMUNE = "000.31.07.H23";
    private static final String DEPARTMENT = "000.00.12.H23";
    private static final Catalogs CATALOGS = Catalogs.loadDefault();

    private static Instant t(String localIso) {
        return OffsetDateTime.parse(localIso + "+07:00").toInstant();
    }

    private static String exampleJson() throws IOException {
        try (InputStream in = NationalSyncAdapterTest.class.getResourceAsStream("/examples/dvcqg-snapshot.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The example dossier at a stage of its life, in the portal's shape. */
    private static String snapshot(int status, String handler, String supplements, String end) {
        return "{\"MaHoSo\":\"" + DOSSIER + "\",\"MaTTHC\":\"2.000815\",\"DonViXuLy\":\"" + handler + "\","
                + "\"KenhThucHien\":1,\"NgayTiepNhan\":\"20250603141000\",\"NgayHenTra\":\"20250616170000\","
                + "\"TrangThaiHoSo\":" + status + ",\"NgayKetThucXuLy\":" + (end == null ? "null" : "\"" + end + "\"")
                + ",\"NgayTra\":null,\"DanhSachHoSoBoSung\":[" + supplements + "],\"DuocThanhToanTrucTuyen\":0}";
    }

    private static final String REQUESTED = "{\"NgayBoSung\":\"20250605100000\",\"NgayHenTraTruoc\":\"20250616170000\"}";
    private static final String RETURNED = "{\"NgayBoSung\":\"20250605100000\",\"NgayTiepNhanBoSung\":\"20250609080000\","
            + "\"NgayHenTraTruoc\":\"20250616170000\",\"NgayHenTraMoi\":\"20250620170000\"}";

    @Test
    void parsesTheExampleSnapshot() throws IOException {
        NationalSnapshot s = NationalSyncAdapter.parse(exampleJson());
        assertThat(s.maHoSo()).isEqualTo(DOSSIER);
        assertThat(s.maTTHC()).isEqualTo("2.000815");
        assertThat(s.donViXuLy()).isEqualTo(DEPARTMENT);
        assertThat(s.kenhThucHien()).isEqualTo(Channel.COUNTER);
        assertThat(s.ngayTiepNhan()).isEqualTo(t("2025-06-03T14:10:00"));
        assertThat(s.ngayHenTra()).isEqualTo(t("2025-06-16T17:00:00"));
        assertThat(s.trangThaiHoSo()).isEqualTo(9);
        assertThat(s.ngayKetThucXuLy()).isEqualTo(t("2025-06-19T11:00:00"));
        assertThat(s.ngayTra()).isNull();
        assertThat(s.danhSachHoSoBoSung()).containsExactly(new NationalSnapshot.Supplement(
                t("2025-06-05T10:00:00"), t("2025-06-09T08:00:00"), t("2025-06-16T17:00:00"), t("2025-06-20T17:00:00")));
        assertThat(s.duocThanhToanTrucTuyen()).isFalse();
    }

    @Test
    void theExampleSnapshotFromNothingTellsTheExampleDossiersStory() throws IOException {
        List<DossierEvent> events = NationalSyncAdapter.eventsBetween(null, NationalSyncAdapter.parse(exampleJson()));
        assertThat(events).extracting(DossierEvent::type, DossierEvent::at, DossierEvent::unitCode).containsExactly(
                tuple(EventType.RECEIVED, t("2025-06-03T14:10:00"), COMMUNE),
                tuple(EventType.TRANSFERRED, t("2025-06-03T14:10:00"), COMMUNE),
                tuple(EventType.SUPPLEMENT_REQUESTED, t("2025-06-05T10:00:00"), DEPARTMENT),
                tuple(EventType.SUPPLEMENT_RECEIVED, t("2025-06-09T08:00:00"), DEPARTMENT),
                tuple(EventType.COMPLETED, t("2025-06-19T11:00:00"), DEPARTMENT));
        DossierEvent received = events.get(0);
        assertThat(received.dossierId()).isEqualTo(DOSSIER);
        assertThat(received.procedureCode()).isEqualTo("2.000815");
        assertThat(received.channel()).isEqualTo(Channel.COUNTER);
        assertThat(received.dueAt()).isEqualTo(t("2025-06-16T17:00:00"));
        assertThat(events.get(1).toUnitCode()).isEqualTo(DEPARTMENT);
        assertThat(events.get(4).electronicResult()).isFalse();
        assertThat(events).extracting(DossierEvent::eventId).containsExactly(
                "dvcqg:" + DOSSIER + ":RECEIVED",
                "dvcqg:" + DOSSIER + ":TRANSFERRED:" + DEPARTMENT,
                "dvcqg:" + DOSSIER + ":SUPPLEMENT_REQUESTED:20250605100000",
                "dvcqg:" + DOSSIER + ":SUPPLEMENT_RECEIVED:20250609080000",
                "dvcqg:" + DOSSIER + ":COMPLETED");
    }

    @Test
    void theDerivedEventsPassTheContract() throws IOException {
        EventValidator validator = new EventValidator(CATALOGS);
        for (DossierEvent e : NationalSyncAdapter.eventsOf(NationalSyncAdapter.parse(exampleJson()))) {
            assertThat(validator.validate(EventJson.toJsonBytes(e)).rejections()).as(e.eventId()).isEmpty();
        }
    }

    @Test
    void feeRequiredComesFromTheProcedureCatalogWhenGiven() throws IOException {
        NationalSnapshot s = NationalSyncAdapter.parse(exampleJson());
        assertThat(NationalSyncAdapter.eventsBetween(null, s, CATALOGS.procedures()).get(0).feeRequired()).isTrue();
        assertThat(NationalSyncAdapter.eventsBetween(null, s).get(0).feeRequired()).isFalse();
    }

    @Test
    void reSendingTheSameSnapshotGivesNothingNew() throws IOException {
        NationalSnapshot s = NationalSyncAdapter.parse(exampleJson());
        assertThat(NationalSyncAdapter.eventsBetween(s, NationalSyncAdapter.parse(exampleJson()))).isEmpty();
    }

    @Test
    void anySequenceOfSnapshotsGivesTheSameIdsAsTheFinalOne() throws IOException {
        List<String> stages = List.of(
                snapshot(2, COMMUNE, "", null),
                snapshot(4, DEPARTMENT, "", null),
                snapshot(5, DEPARTMENT, REQUESTED, null),
                snapshot(4, DEPARTMENT, RETURNED, null).replace("20250616170000\",\"TrangThaiHoSo", "20250620170000\",\"TrangThaiHoSo"));
        NationalSnapshot last = NationalSyncAdapter.parse(exampleJson());
        Set<String> expected = ids(NationalSyncAdapter.eventsOf(last));
        List<DossierEvent> fromFinalOnly = NationalSyncAdapter.eventsOf(last);

        for (int mask = 0; mask < (1 << stages.size()); mask++) {
            List<NationalSnapshot> sequence = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    sequence.add(NationalSyncAdapter.parse(stages.get(i)));
                }
            }
            sequence.add(last);
            List<DossierEvent> emitted = new ArrayList<>();
            NationalSnapshot previous = null;
            for (NationalSnapshot s : sequence) {
                emitted.addAll(NationalSyncAdapter.eventsBetween(previous, s));
                previous = s;
            }
            assertThat(ids(emitted)).as("sequence %s", Integer.toBinaryString(mask)).isEqualTo(expected);
            assertThat(emitted).as("each id once").hasSize(expected.size());
            // the due reported at receipt stays the original appointment whatever the portal shows later
            DossierEvent received = emitted.stream().filter(e -> e.type() == EventType.RECEIVED).findFirst().orElseThrow();
            assertThat(received.dueAt()).isEqualTo(fromFinalOnly.get(0).dueAt());
        }
    }

    @Test
    void aTransferSeenBetweenTwoSnapshotsIsSentByThePreviousHandler() {
        NationalSnapshot atCommune = NationalSyncAdapter.parse(snapshot(4, COMMUNE, "", null));
        NationalSnapshot atDepartment = NationalSyncAdapter.parse(snapshot(4, DEPARTMENT, "", null));
        assertThat(NationalSyncAdapter.eventsBetween(null, atCommune)).extracting(DossierEvent::type)
                .containsExactly(EventType.RECEIVED);
        assertThat(NationalSyncAdapter.eventsBetween(atCommune, atDepartment))
                .extracting(DossierEvent::type, DossierEvent::unitCode, DossierEvent::toUnitCode)
                .containsExactly(tuple(EventType.TRANSFERRED, COMMUNE, DEPARTMENT));
    }

    @Test
    void returnedPaidWithdrawnStoppedAndRefusedDossiers() {
        String base = "{\"MaHoSo\":\"000.00.12.H23-250602-0001\",\"MaTTHC\":\"1.001612\",\"DonViXuLy\":\"000.00.12.H23\","
                + "\"KenhThucHien\":2,\"NgayTiepNhan\":\"20250602080500\",\"NgayHenTra\":\"20250605080500\",";
        List<DossierEvent> returned = NationalSyncAdapter.eventsOf(NationalSyncAdapter.parse(base
                + "\"TrangThaiHoSo\":10,\"NgayKetThucXuLy\":\"20250604153000\",\"NgayTra\":\"20250605090000\","
                + "\"DuocThanhToanTrucTuyen\":1}"));
        assertThat(returned).extracting(DossierEvent::type, DossierEvent::at).containsExactly(
                tuple(EventType.RECEIVED, t("2025-06-02T08:05:00")),
                tuple(EventType.PAID, t("2025-06-02T08:05:00")),
                tuple(EventType.COMPLETED, t("2025-06-04T15:30:00")),
                tuple(EventType.RETURNED, t("2025-06-05T09:00:00")));
        assertThat(returned.get(0).channel()).isEqualTo(Channel.ONLINE);
        assertThat(returned.get(1).online()).isTrue();

        NationalSnapshot unpaid = NationalSyncAdapter.parse(base + "\"TrangThaiHoSo\":4,\"DuocThanhToanTrucTuyen\":\"0\"}");
        NationalSnapshot paid = NationalSyncAdapter.parse(base + "\"TrangThaiHoSo\":4,\"DuocThanhToanTrucTuyen\":true}");
        assertThat(NationalSyncAdapter.eventsBetween(unpaid, paid)).extracting(DossierEvent::type, DossierEvent::online)
                .containsExactly(tuple(EventType.PAID, true));

        assertThat(NationalSyncAdapter.eventsOf(NationalSyncAdapter.parse(base
                        + "\"TrangThaiHoSo\":7,\"NgayKetThucXuLy\":\"20250604090000\"}")))
                .extracting(DossierEvent::type, DossierEvent::at)
                .containsExactly(tuple(EventType.RECEIVED, t("2025-06-02T08:05:00")), tuple(EventType.WITHDRAWN, t("2025-06-04T09:00:00")));
        assertThat(NationalSyncAdapter.eventsOf(NationalSyncAdapter.parse(base
                        + "\"TrangThaiHoSo\":8,\"NgayTra\":\"20250604100000\"}")))
                .extracting(DossierEvent::type).containsExactly(EventType.RECEIVED, EventType.STOPPED);
        assertThat(NationalSyncAdapter.eventsOf(NationalSyncAdapter.parse(base
                        + "\"TrangThaiHoSo\":3,\"NgayKetThucXuLy\":\"20250602081000\"}")))
                .extracting(DossierEvent::type, DossierEvent::unitCode)
                .containsExactly(tuple(EventType.NOT_ACCEPTED, "000.00.12.H23"));
        assertThat(NationalSyncAdapter.eventsOf(NationalSyncAdapter.parse(
                base.replace("\"NgayTiepNhan\":\"20250602080500\",", "") + "\"TrangThaiHoSo\":1}"))).isEmpty();
    }

    @Test
    void snapshotsOfDifferentDossiersAreNotCompared() {
        NationalSnapshot a = NationalSyncAdapter.parse(snapshot(4, COMMUNE, "", null));
        NationalSnapshot b = NationalSyncAdapter.parse(snapshot(4, COMMUNE, "", null).replace("-0042", "-0043"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NationalSyncAdapter.eventsBetween(a, b))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> ids(List<DossierEvent> events) {
        return events.stream().map(DossierEvent::eventId).collect(Collectors.toCollection(HashSet::new));
    }
}
