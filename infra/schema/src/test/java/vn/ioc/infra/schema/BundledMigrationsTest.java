package vn.ioc.infra.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrator applies what index.txt lists: a migration file missing from it would never run. */
class BundledMigrationsTest {

    private static final Path DIR = Path.of("src/main/resources/clickhouse/migrations");

    @Test
    void indexListsEveryMigrationFileInVersionOrder() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        List<SchemaMigrator.Migration> bundled = SchemaMigrator.bundled();
        assertThat(bundled.stream().map(SchemaMigrator.Migration::name).toList()).isEqualTo(files);
        assertThat(bundled.stream().map(SchemaMigrator.Migration::version).toList())
                .isEqualTo(IntStream.rangeClosed(1, files.size()).boxed().toList());
    }
}
