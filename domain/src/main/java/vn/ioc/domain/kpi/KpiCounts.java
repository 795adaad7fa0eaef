package vn.ioc.domain.kpi;

import java.io.Serializable;

/**
 * The additive counts behind every number of a unit and a period. Parents and periods are sums of
 * these; rates are always recomputed from summed counts, never averaged. A rate whose denominator
 * is zero is null.
 *
 * @param ratedUnsatisfied        ratings of 1 (Không hài lòng)
 * @param processingWorkingSeconds sum over the ended (not withdrawn) dossiers of their working time
 *                                 net of closed pauses
 */
public record KpiCounts(
        long received,
        long early,
        long onTime,
        long late,
        long withdrawn,
        long openAtEnd,
        long overdueAtEnd,
        long onlineReceived,
        long feeBearing,
        long paidOnline,
        long completed,
        long electronicResults,
        long ratings,
        long satisfied,
        long ratedUnsatisfied,
        long digitizedReceived,
        long reusedDataReceived,
        long processingWorkingSeconds) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final double SECONDS_PER_WORKING_DAY = 8 * 3600.0;

    public static final KpiCounts ZERO = new KpiCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public KpiCounts plus(KpiCounts o) {
        return new KpiCounts(received + o.received, early + o.early, onTime + o.onTime, late + o.late,
                withdrawn + o.withdrawn, openAtEnd + o.openAtEnd, overdueAtEnd + o.overdueAtEnd,
                onlineReceived + o.onlineReceived, feeBearing + o.feeBearing, paidOnline + o.paidOnline,
                completed + o.completed, electronicResults + o.electronicResults, ratings + o.ratings,
                satisfied + o.satisfied, ratedUnsatisfied + o.ratedUnsatisfied,
                digitizedReceived + o.digitizedReceived, reusedDataReceived + o.reusedDataReceived,
                processingWorkingSeconds + o.processingWorkingSeconds);
    }

    public KpiCounts minus(KpiCounts o) {
        return plus(o.negated());
    }

    public KpiCounts negated() {
        return new KpiCounts(-received, -early, -onTime, -late, -withdrawn, -openAtEnd, -overdueAtEnd,
                -onlineReceived, -feeBearing, -paidOnline, -completed, -electronicResults, -ratings,
                -satisfied, -ratedUnsatisfied, -digitizedReceived, -reusedDataReceived, -processingWorkingSeconds);
    }

    public boolean isZero() {
        // Field by field rather than equals(ZERO): the job asks this for every day a dossier touches.
        return received == 0 && early == 0 && onTime == 0 && late == 0 && withdrawn == 0 && openAtEnd == 0
                && overdueAtEnd == 0 && onlineReceived == 0 && feeBearing == 0 && paidOnline == 0 && completed == 0
                && electronicResults == 0 && ratings == 0 && satisfied == 0 && ratedUnsatisfied == 0
                && digitizedReceived == 0 && reusedDataReceived == 0 && processingWorkingSeconds == 0;
    }

    /** early + onTime + late: ended in the period, withdrawals excluded. */
    public long ended() {
        return early + onTime + late;
    }

    /** (early + onTime + openAtEnd - overdueAtEnd) / (ended + openAtEnd): tỷ lệ giải quyết đúng hạn và trước hạn. */
    public Double onTimeRate() {
        return ratio(early + onTime + openAtEnd - overdueAtEnd, ended() + openAtEnd);
    }

    public Double onlineRate() {
        return ratio(onlineReceived, received);
    }

    public Double onlinePaymentRate() {
        return ratio(paidOnline, feeBearing);
    }

    public Double electronicResultRate() {
        return ratio(electronicResults, completed);
    }

    public Double satisfactionRate() {
        return ratio(satisfied, ratings);
    }

    public Double digitizedRate() {
        return ratio(digitizedReceived, received);
    }

    public Double reusedDataRate() {
        return ratio(reusedDataReceived, received);
    }

    /** late / ended. */
    public Double lateShare() {
        return ratio(late, ended());
    }

    /** ratings of 1 / ratings. */
    public Double unsatisfiedShare() {
        return ratio(ratedUnsatisfied, ratings);
    }

    /** Mean working days (8 working hours each) from receipt to end, net of closed pauses, over ended dossiers. */
    public Double avgProcessingWorkingDays() {
        long ended = ended();
        return ended == 0 ? null : processingWorkingSeconds / SECONDS_PER_WORKING_DAY / ended;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
