package vn.ioc.dashboard.status;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Flink's job overview as its REST API answers it, in the states a TaskManager's loss goes through. */
class FlinkJobHealthTest {

    /** One job as Flink's overview lists it, its tasks counted by state. */
    private static String job(String state, int running, int scheduled, int finished) {
        return """
                {"jid":"fa74aeb74fbd043dd45540d284a1abc8","name":"IOC dossier KPIs","start-time":1796356570776,
                "end-time":-1,"duration":40000,"state":"%s","last-modification":1796356611871,
                "tasks":{"running":%d,"canceling":0,"canceled":0,"total":%d,"created":0,"scheduled":%d,"deploying":0,
                "reconciling":0,"finished":%d,"initializing":0,"failed":0}}
                """.formatted(state, running, running + scheduled + finished, scheduled, finished);
    }

    private static String overview(String... jobs) {
        return "{\"jobs\":[" + String.join(",", jobs) + "]}";
    }

    private static String overview(String state, int running, int scheduled, int finished) {
        return overview(job(state, running, scheduled, finished));
    }

    @Test
    void runningWithEveryTaskRunningIsUp() {
        assertThat(FlinkJobHealth.of(overview("RUNNING", 9, 0, 0))).isEqualTo(new FlinkJobHealth.Health(true, "job running"));
    }

    @Test
    void runningWhileTasksWaitForSlotsIsDown() {
        // After a TaskManager is killed: RESTARTING for about a second, then RUNNING with its tasks scheduled.
        FlinkJobHealth.Health restarting = FlinkJobHealth.of(overview("RESTARTING", 0, 9, 0));
        assertThat(restarting.up()).isFalse();
        assertThat(restarting.detail()).isEqualTo("job restarting");
        FlinkJobHealth.Health waiting = FlinkJobHealth.of(overview("RUNNING", 0, 9, 0));
        assertThat(waiting.up()).isFalse();
        assertThat(waiting.detail()).isEqualTo("job starting its tasks: 0 of 9 running");
        assertThat(FlinkJobHealth.of(overview("RUNNING", 4, 5, 0)).up()).isFalse();
    }

    @Test
    void finishedSourcesOfABoundedReplayCountAsWorking() {
        assertThat(FlinkJobHealth.of(overview("RUNNING", 7, 0, 2)).up()).isTrue();
    }

    @Test
    void noJobFinishedJobsAndUnreadableAnswersAreDown() {
        assertThat(FlinkJobHealth.of(overview())).isEqualTo(new FlinkJobHealth.Health(false, "no running job"));
        assertThat(FlinkJobHealth.of(overview("FINISHED", 0, 0, 9)).up()).isFalse();
        assertThat(FlinkJobHealth.of("<html>").up()).isFalse();
    }

    @Test
    void anOldFinishedJobBesideTheRunningOneDoesNotMatter() {
        assertThat(FlinkJobHealth.of(overview(job("FINISHED", 0, 0, 9), job("RUNNING", 9, 0, 0))).up()).isTrue();
        assertThat(FlinkJobHealth.of(overview(job("RUNNING", 9, 0, 0), job("FINISHED", 0, 0, 9))).up()).isTrue();
    }
}
