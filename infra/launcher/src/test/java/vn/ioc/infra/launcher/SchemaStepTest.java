package vn.ioc.infra.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which schema upgrades make the analytics job start without its saved state. */
class SchemaStepTest {

    @Test
    void theAlertTablesOfV007NeedAReplayOtherMigrationsDoNot() {
        assertThat(SchemaStep.jobMustReplay(List.of(7))).isTrue();
        assertThat(SchemaStep.jobMustReplay(List.of(1, 2, 3, 4, 5, 6, 7))).isTrue(); // a new database: no state anyway
        assertThat(SchemaStep.jobMustReplay(List.of(8, 9))).isTrue(); // kpi_procedure_daily, filled from the topic
        assertThat(SchemaStep.jobMustReplay(List.of(10))).isTrue(); // columns of every alert episode
        assertThat(SchemaStep.jobMustReplay(List.of(11))).isTrue(); // kpi_procedure_monthly, the job's monthly totals
        assertThat(SchemaStep.jobMustReplay(List.of(6))).isFalse();
        assertThat(SchemaStep.jobMustReplay(List.of(8))).isFalse(); // an index over rows already written
        assertThat(SchemaStep.jobMustReplay(List.of(12))).isFalse(); // a column ClickHouse computes from end_at
        assertThat(SchemaStep.jobMustReplay(List.of())).isFalse();
    }
}
