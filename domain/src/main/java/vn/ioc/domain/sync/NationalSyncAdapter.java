package vn.ioc.domain.sync;

import vn.ioc.domain.catalog.Procedure;
import vn.ioc.domain.catalog.ProcedureCatalog;
import vn.ioc.domain.event.DossierEvent;
import vn.ioc.domain.event.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the national portal's dossier snapshots (DongBoHoSoMC, see {@link NationalSnapshot}) into
 * the canonical {@link DossierEvent}s, so a province can feed the pipeline from the one-stop system
 * it already runs.
 *
 * <p><b>How events are derived.</b> Each snapshot implies a set of events on its own; the events
 * between two snapshots are those of the newer one whose ids the older one did not imply. Event ids
 * depend only on the dossier's history, never on when it was observed:
 * {@code dvcqg:{MaHoSo}:{TYPE}} for what happens once to a dossier, with a suffix for what can
 * repeat ({@code :{yyyyMMddHHmmss}} local time for supplements, {@code :{unit code}} for
 * transfers). So a re-sent snapshot gives nothing new, and the same history reached through any
 * sequence of snapshots gives the same ids.
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>event</th><th>when</th><th>at</th><th>unitCode</th></tr>
 * <tr><td>RECEIVED</td><td>NgayTiepNhan present and TrangThaiHoSo not 1 or 3</td><td>NgayTiepNhan</td>
 *     <td>the receiving unit: the unit code MaHoSo starts with ({unit}-{yymmdd}-{seq}), else DonViXuLy</td></tr>
 * <tr><td>TRANSFERRED</td><td>received and DonViXuLy differs from the receiving unit</td><td>NgayTiepNhan</td>
 *     <td>the receiving unit (or the previous DonViXuLy when the change is seen between two snapshots); toUnitCode = DonViXuLy</td></tr>
 * <tr><td>SUPPLEMENT_REQUESTED</td><td>each DanhSachHoSoBoSung entry</td><td>NgayBoSung</td><td>DonViXuLy</td></tr>
 * <tr><td>SUPPLEMENT_RECEIVED</td><td>each entry with NgayTiepNhanBoSung</td><td>NgayTiepNhanBoSung</td><td>DonViXuLy</td></tr>
 * <tr><td>PAID (online)</td><td>received and DuocThanhToanTrucTuyen = 1</td><td>NgayTiepNhan</td><td>DonViXuLy</td></tr>
 * <tr><td>COMPLETED</td><td>TrangThaiHoSo 9 or 10 with NgayKetThucXuLy</td><td>NgayKetThucXuLy</td><td>DonViXuLy</td></tr>
 * <tr><td>RETURNED</td><td>TrangThaiHoSo 9 or 10 with NgayTra</td><td>NgayTra</td><td>DonViXuLy</td></tr>
 * <tr><td>WITHDRAWN / STOPPED</td><td>TrangThaiHoSo 7 / 8</td><td>NgayKetThucXuLy, else NgayTra</td><td>DonViXuLy</td></tr>
 * <tr><td>NOT_ACCEPTED</td><td>TrangThaiHoSo 3</td><td>NgayKetThucXuLy, else NgayTiepNhan</td><td>the receiving unit</td></tr>
 * </table>
 *
 * <p><b>What the portal shape lacks, and the defaults.</b> RECEIVED's dueAt is the appointment
 * date before the first supplement (its NgayHenTraTruoc) when there was one, else NgayHenTra: the
 * portal may move NgayHenTra to the new date after a supplement, while the contract's due is the
 * original one. feeRequired comes from the procedure catalog when one is given, else false;
 * digitized and reusedData are false; electronicResult and byPost are false. Transfers carry no
 * time, so TRANSFERRED is placed at the receipt, and hops only seen in intermediate snapshots are
 * kept from those snapshots alone. The payment time is absent, so PAID is placed at the receipt
 * (the online-payment indicator does not depend on it). There is no submission time (SUBMITTED is
 * not produced), no fee-request time (FEE_REQUESTED is not produced), no apology letter
 * (APOLOGY_ISSUED) and no rating (RATED): those come from other feeds. A time already reported
 * and corrected later in the portal keeps its first report: the contract has no correction event.
 *
 * <p>The events are not checked against the catalogs here; pass them through
 * {@link vn.ioc.domain.event.EventValidator} like any other input.
 */
public final class NationalSyncAdapter {

    public static final String ID_PREFIX = "dvcqg:";
    private static final Pattern DOSSIER_CODE = Pattern.compile("^(.+)-\\d{6}-\\d+$");
    private static final Comparator<DossierEvent> ORDER = Comparator.comparing(DossierEvent::at)
            .thenComparing(DossierEvent::type)
            .thenComparing(DossierEvent::eventId);

    private NationalSyncAdapter() {
    }

    /** Same as {@link NationalSnapshot#parse(String)}. */
    public static NationalSnapshot parse(String json) {
        return NationalSnapshot.parse(json);
    }

    /**
     * The events that explain the change from {@code previous} (null when the dossier is new) to
     * {@code current}, ordered by time; feeRequired is false on RECEIVED.
     */
    public static List<DossierEvent> eventsBetween(NationalSnapshot previous, NationalSnapshot current) {
        return eventsBetween(previous, current, code -> false);
    }

    /** As {@link #eventsBetween(NationalSnapshot, NationalSnapshot)}, feeRequired on RECEIVED taken from the catalog. */
    public static List<DossierEvent> eventsBetween(NationalSnapshot previous, NationalSnapshot current,
                                                   ProcedureCatalog procedures) {
        return eventsBetween(previous, current,
                code -> procedures.find(code).map(Procedure::feeRequired).orElse(false));
    }

    /** As {@link #eventsBetween(NationalSnapshot, NationalSnapshot)}, with feeRequired on RECEIVED given per procedure code. */
    public static List<DossierEvent> eventsBetween(NationalSnapshot previous, NationalSnapshot current,
                                                   Predicate<String> feeRequiredByProcedure) {
        if (previous != null && !previous.maHoSo().equals(current.maHoSo())) {
            throw new IllegalArgumentException("snapshots of different dossiers: "
                    + previous.maHoSo() + " and " + current.maHoSo());
        }
        Set<String> known = previous == null ? Set.of()
                : implied(previous, feeRequiredByProcedure).stream().map(DossierEvent::eventId).collect(Collectors.toSet());
        List<DossierEvent> result = new ArrayList<>();
        for (DossierEvent e : implied(current, feeRequiredByProcedure)) {
            if (known.contains(e.eventId())) {
                continue;
            }
            if (e.type() == EventType.TRANSFERRED && previous != null
                    && !previous.donViXuLy().equals(current.donViXuLy())) {
                // the hop is seen between these two snapshots: its sender is the unit that held it before
                e = DossierEvent.of(e.eventId(), e.dossierId(), e.type(), e.at(), previous.donViXuLy())
                        .withToUnitCode(e.toUnitCode());
            }
            result.add(e);
        }
        return result;
    }

    /** Every event a snapshot implies on its own, ordered by time. */
    public static List<DossierEvent> eventsOf(NationalSnapshot snapshot) {
        return eventsBetween(null, snapshot);
    }

    /** The unit that received the dossier: the unit code its MaHoSo starts with, else DonViXuLy. */
    public static String receivingUnit(NationalSnapshot s) {
        Matcher m = DOSSIER_CODE.matcher(s.maHoSo());
        return m.matches() ? m.group(1) : s.donViXuLy();
    }

    private static List<DossierEvent> implied(NationalSnapshot s, Predicate<String> feeRequiredByProcedure) {
        List<DossierEvent> events = new ArrayList<>();
        String receiver = receivingUnit(s);
        String handler = s.donViXuLy();
        int status = s.trangThaiHoSo();
        boolean received = s.ngayTiepNhan() != null && status != 1 && status != 3;

        if (received) {
            events.add(event(s, EventType.RECEIVED, null, s.ngayTiepNhan(), receiver)
                    .withReception(s.maTTHC(), s.kenhThucHien(), originalDue(s),
                            feeRequiredByProcedure.test(s.maTTHC()), false, false));
            if (!handler.equals(receiver)) {
                events.add(event(s, EventType.TRANSFERRED, handler, s.ngayTiepNhan(), receiver).withToUnitCode(handler));
            }
            for (NationalSnapshot.Supplement sup : s.danhSachHoSoBoSung()) {
                events.add(event(s, EventType.SUPPLEMENT_REQUESTED, NationalSnapshot.portalTime(sup.ngayBoSung()),
                        sup.ngayBoSung(), handler));
                if (sup.ngayTiepNhanBoSung() != null) {
                    events.add(event(s, EventType.SUPPLEMENT_RECEIVED, NationalSnapshot.portalTime(sup.ngayTiepNhanBoSung()),
                            sup.ngayTiepNhanBoSung(), handler));
                }
            }
            if (s.duocThanhToanTrucTuyen()) {
                events.add(event(s, EventType.PAID, null, s.ngayTiepNhan(), handler).withOnline(true));
            }
        }
        if (status >= 9) {
            if (s.ngayKetThucXuLy() != null) {
                events.add(event(s, EventType.COMPLETED, null, s.ngayKetThucXuLy(), handler));
            }
            if (s.ngayTra() != null) {
                events.add(event(s, EventType.RETURNED, null, s.ngayTra(), handler));
            }
        }
        if (status == 7 || status == 8) {
            Instant at = s.ngayKetThucXuLy() != null ? s.ngayKetThucXuLy() : s.ngayTra();
            events.add(event(s, status == 7 ? EventType.WITHDRAWN : EventType.STOPPED, null, at, handler));
        }
        if (status == 3) {
            Instant at = s.ngayKetThucXuLy() != null ? s.ngayKetThucXuLy() : s.ngayTiepNhan();
            events.add(event(s, EventType.NOT_ACCEPTED, null, at, receiver));
        }
        events.sort(ORDER);
        return events;
    }

    /** The appointment date given at receipt: the one before the first supplement, else the current one. */
    private static Instant originalDue(NationalSnapshot s) {
        if (!s.danhSachHoSoBoSung().isEmpty() && s.danhSachHoSoBoSung().get(0).ngayHenTraTruoc() != null) {
            return s.danhSachHoSoBoSung().get(0).ngayHenTraTruoc();
        }
        return s.ngayHenTra();
    }

    private static DossierEvent event(NationalSnapshot s, EventType type, String suffix, Instant at, String unit) {
        String id = ID_PREFIX + s.maHoSo() + ":" + type.name() + (suffix == null ? "" : ":" + suffix);
        return DossierEvent.of(id, s.maHoSo(), type, at, unit);
    }
}
