package vn.ioc.dashboard.status;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * A cheap fingerprint of the data: the newest event time and the row counts of the tables the
 * dashboard reads (each written by a sink of its own, so at its own moment: a table left out would let
 * its last insert of a burst go unseen). Any insert changes it (a replacing table grows until it merges), so polling it is
 * how the live stream notices new data without re-running the KPI queries.
 */
public final class DataVersion {

    private static final String QUERY = """
            SELECT
              (SELECT count() FROM events) AS events,
              (SELECT if(count() = 0, toInt64(-1), toUnixTimestamp64Milli(max(at))) FROM events) AS newest,
              (SELECT count() FROM kpi_daily) AS kpi_rows,
              (SELECT count() FROM alerts) + (SELECT count() FROM alert_transitions)
                + (SELECT count() FROM alert_daily) + (SELECT count() FROM alerts_by_resolution)
                + (SELECT count() FROM late_dossiers) AS list_rows
            """;

    /** {@code newestEventAt} is null while there is no event. */
    /** {@code listRows}: the rows of the tables the alert ticker and the late lists read. */
    public record Fingerprint(Instant newestEventAt, long events, long kpiRows, long listRows) {
        public String signature() {
            return (newestEventAt == null ? "-" : newestEventAt.toEpochMilli()) + ":" + events + ":" + kpiRows + ":" + listRows;
        }
    }

    private final Client client;

    public DataVersion(Client client) {
        this.client = client;
    }

    public Fingerprint read() {
        GenericRecord r = client.queryAll(QUERY).get(0);
        long newest = r.getLong("newest");
        return new Fingerprint(newest < 0 ? null : Instant.ofEpochMilli(newest), r.getLong("events"),
                r.getLong("kpi_rows"), r.getLong("list_rows"));
    }

    /**
     * The time of the newest event applied: the "now" of the data (a simulation may run ahead of the
     * clock). Asked on its own, it is answered from the parts' min-max index (half the fingerprint's time).
     */
    public Optional<Instant> newestEventAt() {
        long newest = client.queryAll("SELECT if(count() = 0, toInt64(-1), toUnixTimestamp64Milli(max(at))) AS newest FROM events")
                .get(0).getLong("newest");
        return newest < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest));
    }
}
