package vn.ioc.domain.kpi;

/** A mutable accumulator of {@link KpiCounts}, for building counts one dossier at a time. */
final class Tally {
    long received;
    long early;
    long onTime;
    long late;
    long withdrawn;
    long openAtEnd;
    long overdueAtEnd;
    long onlineReceived;
    long feeBearing;
    long paidOnline;
    long completed;
    long electronicResults;
    long ratings;
    long satisfied;
    long ratedUnsatisfied;
    long digitizedReceived;
    long reusedDataReceived;
    long processingWorkingSeconds;

    KpiCounts toCounts() {
        return new KpiCounts(received, early, onTime, late, withdrawn, openAtEnd, overdueAtEnd, onlineReceived,
                feeBearing, paidOnline, completed, electronicResults, ratings, satisfied, ratedUnsatisfied,
                digitizedReceived, reusedDataReceived, processingWorkingSeconds);
    }
}
