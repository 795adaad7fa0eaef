package vn.ioc.infra.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a directory with everything under it. */
public final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /** Deletes {@code root} and everything under it, or only what is under it with {@code keepRoot}; nothing when absent. */
    public static void delete(Path root, boolean keepRoot) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!(keepRoot && p.equals(root))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
