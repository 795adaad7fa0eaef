package vn.ioc.dashboard.admin;

import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.AtomicFiles;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.User;
import vn.ioc.domain.catalog.CalendarCatalog;
import vn.ioc.domain.catalog.CatalogException;
import vn.ioc.domain.catalog.Catalogs;
import vn.ioc.domain.catalog.ProcedureCatalog;
import vn.ioc.domain.catalog.UnitCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's catalog directory (IOC_CATALOG_DIR, {@code ./ioc demo --catalog-dir DIR}): the
 * units, procedures and calendar CSVs the analytics job, the ingest endpoint and this dashboard read
 * when they start. An administrator downloads a file, corrects it and uploads the replacement,
 * which is checked with the domain's loader (the first error with its line and column) and saved in
 * place of the old one; the old one is kept beside it as {@code NAME.previous}. Nothing running
 * reloads it: the new catalog takes effect when the product restarts, which the page says, and the
 * files changed since this dashboard started are marked.
 */
public final class CatalogDirectory {

    public static final List<String> FILES = List.of(Catalogs.UNITS_FILE, Catalogs.PROCEDURES_FILE, Catalogs.CALENDAR_FILE);

    /** One file of the directory. */
    public record FileState(String name, long bytes, Instant modifiedAt, boolean changedSinceStart) {
    }

    /** A file saved: how many rows it holds, where, and where the one it replaced was kept (null when there was none). */
    public record Replaced(String name, int rows, Path savedTo, Path previousKeptAs) {
    }

    private final Path dir;
    private final Map<String, String> digestsAtStart;

    private CatalogDirectory(Path dir, Map<String, String> digestsAtStart) {
        this.dir = dir;
        this.digestsAtStart = digestsAtStart;
    }

    /** The directory the catalogs in effect were read from just now, at start. */
    public static CatalogDirectory of(Path dir) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String name : FILES) {
            digests.put(name, digest(dir.resolve(name)));
        }
        return new CatalogDirectory(dir, digests);
    }

    /** No directory: the sample province shipped in the program is in effect, and cannot be replaced. */
    public static CatalogDirectory none() {
        return new CatalogDirectory(null, Map.of());
    }

    public Availability uploads() {
        if (dir == null) {
            return Availability.unavailable("NO_CATALOG_DIRECTORY", "No catalog directory is configured (IOC_CATALOG_DIR, or "
                    + "./ioc demo --catalog-dir DIR): the sample province built into the program is in effect and cannot be replaced here");
        }
        if (!Files.isWritable(dir)) {
            return Availability.unavailable("CATALOG_DIRECTORY_NOT_WRITABLE", "The dashboard may not write in the catalog directory " + dir);
        }
        return Availability.AVAILABLE;
    }

    /** The directory; null when the sample province is in effect. */
    public Path dir() {
        return dir;
    }

    /** The files of the directory now; empty without a directory. */
    public List<FileState> files() {
        if (dir == null) {
            return List.of();
        }
        List<FileState> out = new ArrayList<>();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            try {
                out.add(new FileState(name, Files.size(file), Files.getLastModifiedTime(file).toInstant(),
                        !digest(file).equals(digestsAtStart.get(name))));
            } catch (IOException e) {
                out.add(new FileState(name, -1, null, true));
            }
        }
        return out;
    }

    /** Whether a file differs from what was read at start: replayed dead letters are still checked against the old one. */
    public boolean changedSinceStart() {
        return files().stream().anyMatch(FileState::changedSinceStart);
    }

    /** A file as it is now: from the directory, or the sample province's. */
    public byte[] read(String name) {
        requireKnown(name);
        try {
            if (dir == null) {
                try (InputStream in = Catalogs.class.getResourceAsStream("/catalog/default/" + name)) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog " + name, e);
        }
    }

    /**
     * Checks a replacement for {@code name} and saves it. A units catalog must keep a top unit and every
     * unit a department head answers for: otherwise the users file would not load at the next start.
     */
    public Replaced replace(String name, byte[] csv, Collection<User> users) {
        requireKnown(name);
        uploads().require();
        int rows = check(name, text(name, csv), users);
        Path file = dir.resolve(name);
        Path previous = dir.resolve(name + ".previous");
        try {
            Set<PosixFilePermission> permissions = AtomicFiles.OWNER_WRITES_ALL_READ;
            if (Files.exists(file)) {
                Files.copy(file, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                permissions = permissionsOf(file);
            } else {
                previous = null;
            }
            AtomicFiles.write(file, csv, permissions);
        } catch (IOException e) {
            throw new ApiError(500, "CATALOG_NOT_SAVED", "Cannot save " + name + " in " + dir + ": " + e, Map.of());
        }
        return new Replaced(name, rows, file, previous);
    }

    private static Set<PosixFilePermission> permissionsOf(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return AtomicFiles.OWNER_WRITES_ALL_READ;
        }
    }

    /** The rows of a valid file; a 400 with the file, line and column of the first problem otherwise. */
    private static int check(String name, String text, Collection<User> users) {
        try {
            return switch (name) {
                case Catalogs.UNITS_FILE -> checkUnits(name, UnitCatalog.parseCsv(name, new StringReader(text)), users);
                case Catalogs.PROCEDURES_FILE -> ProcedureCatalog.parseCsv(name, new StringReader(text)).all().size();
                case Catalogs.CALENDAR_FILE -> CalendarCatalog.parseCsv(name, new StringReader(text)).size();
                default -> throw new IllegalStateException(name);
            };
        } catch (CatalogException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", name);
            details.put("line", e.line());
            if (e.column() != null) {
                details.put("column", e.column());
            }
            details.put("problem", e.problem());
            throw new ApiError(400, "INVALID_CATALOG", e.getMessage(), details);
        }
    }

    private static int checkUnits(String name, UnitCatalog units, Collection<User> users) {
        if (units.root().isEmpty()) {
            throw new CatalogException(name, "no top unit: one unit, the province, has no parentCode", null);
        }
        List<String> orphaned = users.stream()
                .filter(u -> u.role() == Role.DEPARTMENT_HEAD && !units.contains(u.unitCode()))
                .map(u -> u.username() + " (" + u.unitCode() + ")").toList();
        if (!orphaned.isEmpty()) {
            throw new ApiError(400, "UNITS_OF_USERS_MISSING", name + " leaves out the units of these department heads: "
                    + String.join(", ", orphaned) + "; give them another unit first", Map.of("file", name, "users", orphaned));
        }
        return units.all().size();
    }

    /** The upload as text: a catalog is UTF-8 (Excel: "CSV UTF-8"); anything else would be read as garbage. */
    private static String text(String name, byte[] csv) {
        if (csv.length == 0) {
            throw new ApiError(400, "INVALID_CATALOG", name + ": the file is empty", Map.of("file", name, "line", 0));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(csv)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiError(400, "INVALID_CATALOG", name + ": not UTF-8 text; save it as \"CSV UTF-8\"",
                    Map.of("file", name, "line", 0));
        }
    }

    private static void requireKnown(String name) {
        if (!FILES.contains(name)) {
            throw new ApiError(404, "UNKNOWN_CATALOG_FILE", "No catalog '" + name + "': the catalogs are " + String.join(", ", FILES),
                    Map.of());
        }
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
