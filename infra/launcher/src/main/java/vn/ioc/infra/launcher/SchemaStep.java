package vn.ioc.infra.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Brings the ClickHouse schema up to date with the schema module's migrator
 * ({@code vn.ioc.infra.schema.SchemaMigrator.migrate(url, database)}, idempotent). It is looked up by
 * name so that a launcher built before the migrator still starts and says what to rebuild.
 */
final class SchemaStep {

    private static final String MIGRATOR = "vn.ioc.infra.schema.SchemaMigrator";

    /**
     * Migrations after which the analytics job's saved state is not enough: V007, V009 and V011 add tables
     * the job fills from each dossier's changes, so a job resumed with state from before them would
     * write only what changes from then on; V010 adds columns to every alert episode, which only a
     * rewrite of each episode fills. After one of these, the job starts without state and reads the
     * topic from its start (the tables end the same as after any replay).
     */
    static final java.util.Set<Integer> JOB_REPLAYS_AFTER = java.util.Set.of(7, 9, 10, 11);

    /** Whether one of {@code applied} (versions applied now) needs the job to replay the topic. */
    static boolean jobMustReplay(List<?> applied) {
        return applied.stream().anyMatch(JOB_REPLAYS_AFTER::contains);
    }

    private SchemaStep() {
    }

    /** The versions applied now; empty when the schema was already current. */
    static List<?> migrate(String clickhouseUrl, String database) throws StartupException {
        Method migrate;
        try {
            migrate = Class.forName(MIGRATOR).getMethod("migrate", String.class, String.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new StartupException(MIGRATOR + ".migrate(String, String) is not on the launcher's classpath;"
                    + " rebuild with ./mvnw -q -DskipTests install");
        }
        try {
            Object applied = migrate.invoke(null, clickhouseUrl, database);
            return applied instanceof List<?> list ? list : List.of();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new StartupException("The schema migration of " + clickhouseUrl + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new StartupException("Cannot call " + MIGRATOR + ".migrate: " + e.getMessage(), e);
        }
    }
}
