package vn.ioc.infra.clickhouse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {

    @Test
    void findsWhereTheDataOfAnInsertStarts() {
        String sql = "INSERT INTO db.t (a, b) SETTINGS async_insert = 0 FORMAT RowBinary\n\u0001\u0002";
        SqlText.InsertWithData insert = SqlText.insertWithData(sql);
        assertThat(insert.statement()).isEqualTo("INSERT INTO db.t (a, b) SETTINGS async_insert = 0");
        assertThat(insert.format()).isEqualTo("RowBinary");
        assertThat(sql.substring(insert.dataOffset())).isEqualTo("\u0001\u0002");
    }

    @Test
    void readsValuesAsTheValuesFormat() {
        String sql = "insert into t values (1, 'FORMAT CSV'), (2, 'x')";
        SqlText.InsertWithData insert = SqlText.insertWithData(sql);
        assertThat(insert.statement()).isEqualTo("insert into t");
        assertThat(insert.format()).isEqualTo("Values");
        assertThat(sql.substring(insert.dataOffset())).isEqualTo(" (1, 'FORMAT CSV'), (2, 'x')");
    }

    @Test
    void leavesInsertSelectAndOtherStatementsAlone() {
        assertThat(SqlText.insertWithData("INSERT INTO t SELECT * FROM s")).isNull();
        assertThat(SqlText.insertWithData("SELECT 'INSERT INTO t VALUES'")).isNull();
        assertThat(SqlText.insertWithData("/* INSERT */ SELECT 1")).isNull();
    }

    @Test
    void findsTheOutputFormatOutsideStringsAndSubqueries() {
        assertThat(SqlText.outputFormat("SELECT 'FORMAT CSV' FORMAT JSONEachRow")).isEqualTo("JSONEachRow");
        assertThat(SqlText.outputFormat("SELECT * FROM (SELECT 1 FORMAT CSV)")).isNull();
        assertThat(SqlText.outputFormat("-- FORMAT CSV\nSELECT 1")).isNull();
        assertThat(SqlText.outputFormat("SELECT 1 FORMAT `TSV` SETTINGS max_threads = 1")).isEqualTo("TSV");
    }
}
