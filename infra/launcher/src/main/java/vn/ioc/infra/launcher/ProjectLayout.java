package vn.ioc.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built modules are: each module the launcher runs as a process writes its runtime
 * classpath to {@code target/classpath.txt} when Maven packages it.
 */
public record ProjectLayout(Path root) {

    public static final String CLICKHOUSE_LOCAL = "infra/clickhouse-local";
    public static final String KAFKA_BROKER = "infra/kafka-broker";
    public static final String FLINK_CLUSTER = "infra/flink-cluster";
    public static final String DASHBOARD = "dashboard";
    public static final String INGEST = "ingest";

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The repository: {@code IOC_HOME} when set (the {@code ./ioc} script sets it), else the nearest
     * directory at or above {@code start} holding {@code infra/launcher}.
     */
    public static ProjectLayout locate(String iocHome, Path start) {
        if (iocHome != null && !iocHome.isBlank()) {
            return new ProjectLayout(Path.of(iocHome));
        }
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/launcher")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("Cannot find the IOC repository at or above " + start
                + "; run the launcher through ./ioc or set IOC_HOME");
    }

    /**
     * The runtime classpath of {@code module}: its compiled classes (when it has any) and the jars
     * listed in its {@code target/classpath.txt}.
     */
    public String classpath(String module) {
        Path moduleDir = root.resolve(module);
        Path listing = moduleDir.resolve("target/classpath.txt");
        if (!Files.isRegularFile(listing)) {
            throw new IllegalStateException(root.relativize(listing) + " is missing: build with "
                    + "./mvnw -q -DskipTests install (./ioc demo does it for you)");
        }
        String jars;
        try {
            jars = Files.readString(listing, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path classes = moduleDir.resolve("target/classes");
        if (Files.isDirectory(classes)) {
            return jars.isEmpty() ? classes.toString() : classes + java.io.File.pathSeparator + jars;
        }
        return jars;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }
}
