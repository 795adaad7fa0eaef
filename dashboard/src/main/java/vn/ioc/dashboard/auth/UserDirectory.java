package vn.ioc.dashboard.auth;

import vn.ioc.dashboard.AtomicFiles;
import vn.ioc.domain.catalog.UnitCatalog;
import vn.ioc.domain.catalog.UnitLevel;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The people who may sign in and the wall screens' tokens, from a properties file an operator edits
 * (IOC_USERS_FILE) and the administration page changes:
 * <pre>
 * user.&lt;username&gt; = &lt;ROLE&gt;,&lt;unit code (department heads)&gt;,&lt;bcrypt hash&gt;,&lt;enabled|disabled&gt;,&lt;display name&gt;
 * wall.&lt;screen name&gt; = &lt;SHA-256 of the token, hex&gt;
 * </pre>
 * The last two fields of a user may be left out (enabled, no display name): files written before they
 * existed still load. Only hashes are stored: the file never holds a password or a token.
 */
public final class UserDirectory {

    /** What one reading of the file holds; replaced whole, so a request never sees half a change. */
    private record Contents(Map<String, User> users, Map<String, String> wallTokenHashes) {
        Contents {
            users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
            wallTokenHashes = Map.copyOf(wallTokenHashes);
        }
    }

    /** The users before and after a change, for ending the sessions it invalidates. */
    public record Change(Map<String, User> before, Map<String, User> after) {
    }

    private final Path file;
    private final UnitCatalog units;
    private volatile Contents contents;

    private UserDirectory(Path file, Contents contents, UnitCatalog units) {
        this.file = file;
        this.contents = contents;
        this.units = units;
    }

    /**
     * A directory of the given users and wall tokens (name -> token in clear, hashed here), checked like
     * a file but kept in memory only: it cannot be changed (tests, the benchmark).
     */
    public static UserDirectory of(List<User> users, Map<String, String> wallTokens, UnitCatalog units) {
        Map<String, User> byName = new LinkedHashMap<>();
        for (User u : users) {
            check(u, units, "user." + u.username());
            if (byName.putIfAbsent(u.username(), u) != null) {
                throw new IllegalArgumentException("Duplicate user '" + u.username() + "'");
            }
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        wallTokens.forEach((name, token) -> hashes.put(name, sha256(token)));
        return new UserDirectory(null, new Contents(byName, hashes), units);
    }

    /** The users file; changes made with {@link #change} are written back to it. */
    public static UserDirectory load(Path file, UnitCatalog units) {
        return new UserDirectory(file, read(file, units), units);
    }

    /** Reads a users file's text; the directory is kept in memory (tests of the format). */
    public static UserDirectory parse(String source, Reader reader, UnitCatalog units) {
        return new UserDirectory(null, parseContents(source, reader, units), units);
    }

    private static Contents read(Path file, UnitCatalog units) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parseContents(file.toString(), r, units);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + file, e);
        }
    }

    private static Contents parseContents(String source, Reader reader, UnitCatalog units) {
        Properties p = new Properties();
        try {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Map<String, User> users = new LinkedHashMap<>();
        Map<String, String> walls = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("user.")) {
                User u = parseUser(source, key, key.substring("user.".length()), value);
                check(u, units, source + ": " + key);
                users.put(u.username(), u);
            } else if (key.startsWith("wall.")) {
                if (!value.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be the SHA-256 of the token, 64 hex digits");
                }
                walls.put(key.substring("wall.".length()), value.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "' (expected user.* or wall.*)");
            }
        }
        return new Contents(users, walls);
    }

    private static User parseUser(String source, String key, String name, String value) {
        // The display name comes last so that it may hold commas.
        String[] parts = value.split(",", 5);
        if (name.isBlank() || parts.length < 3) {
            throw new IllegalArgumentException(source + ": '" + key
                    + "' must read user.<username> = <ROLE>,<unit code>,<bcrypt hash>[,<enabled|disabled>[,<display name>]]");
        }
        Role role;
        try {
            role = Role.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": '" + key + "' has role '" + parts[0].trim()
                    + "'; roles are LEADER, DEPARTMENT_HEAD, ANALYST, ADMIN");
        }
        String unit = parts[1].trim().isEmpty() ? null : parts[1].trim();
        String state = parts.length > 3 ? parts[3].trim().toLowerCase(Locale.ROOT) : "";
        if (!state.isEmpty() && !state.equals("enabled") && !state.equals("disabled")) {
            throw new IllegalArgumentException(source + ": '" + key + "' has state '" + parts[3].trim()
                    + "'; it is enabled or disabled");
        }
        String displayName = parts.length > 4 && !parts[4].isBlank() ? parts[4].trim() : null;
        return new User(name, role, unit, parts[2].trim(), displayName, !state.equals("disabled"));
    }

    private static void check(User u, UnitCatalog units, String where) {
        if (!validUsername(u.username())) {
            throw new IllegalArgumentException(where + ": a username is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (u.role() == null) {
            throw new IllegalArgumentException(where + ": role is required");
        }
        if (u.passwordHash() == null || !u.passwordHash().startsWith("$2")) {
            throw new IllegalArgumentException(where + ": the password must be a bcrypt hash ($2a$...); "
                    + "make one with: ioc-dashboard hash-password");
        }
        if (u.role() == Role.DEPARTMENT_HEAD && (u.unitCode() == null || !units.contains(u.unitCode()))) {
            throw new IllegalArgumentException(where + ": a DEPARTMENT_HEAD needs the code of a unit of the catalog, was '"
                    + u.unitCode() + "'");
        }
        String nameProblem = displayNameProblem(u.displayName());
        if (nameProblem != null) {
            throw new IllegalArgumentException(where + ": " + nameProblem);
        }
    }

    public static boolean validUsername(String username) {
        return username != null && username.matches("[A-Za-z0-9._-]{1,64}");
    }

    /** Why a display name cannot be stored, or null: at most 100 characters on one line. */
    public static String displayNameProblem(String displayName) {
        if (displayName == null) {
            return null;
        }
        if (displayName.length() > 100) {
            return "a display name has at most 100 characters";
        }
        if (displayName.chars().anyMatch(Character::isISOControl)) {
            return "a display name is one line without control characters";
        }
        return null;
    }

    /** The user when the password matches and the account is enabled; the same time is spent in every case. */
    public Optional<User> authenticate(String username, String password) {
        User u = username == null ? null : contents.users().get(username.trim());
        if (u == null) {
            Passwords.burnCheck(password);
            return Optional.empty();
        }
        return Passwords.matches(password, u.passwordHash()) && u.enabled() ? Optional.of(u) : Optional.empty();
    }

    /** The screen name a wall token belongs to. */
    public Optional<String> wallScreen(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(token.trim()).getBytes(StandardCharsets.US_ASCII);
        for (Map.Entry<String, String> e : contents.wallTokenHashes().entrySet()) {
            if (MessageDigest.isEqual(hash, e.getValue().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public Principal principalOf(User u) {
        if (u.role() == Role.DEPARTMENT_HEAD) {
            Set<String> subtree = units.subtree(u.unitCode());
            return new Principal(u.username(), u.role(), u.unitCode(), subtree);
        }
        return new Principal(u.username(), u.role(), null, null);
    }

    public Optional<User> find(String username) {
        return Optional.ofNullable(username == null ? null : contents.users().get(username));
    }

    public List<User> users() {
        return List.copyOf(contents.users().values());
    }

    public Set<String> wallScreens() {
        return contents.wallTokenHashes().keySet();
    }

    /** The file changes are written to; empty for a directory kept in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Changes the users and writes the file. The file is read again first, so that lines an operator
     * changed by hand since it was loaded are kept rather than overwritten (and take effect now too);
     * {@code edit} gets its users by name and returns the new ones, which are checked like a loaded
     * file's before anything is written. The file is replaced atomically and served from then on.
     *
     * @throws IllegalStateException when the directory has no file, or the file no longer loads
     * @throws IllegalArgumentException when the edited users would not load
     */
    public synchronized Change change(UnaryOperator<Map<String, User>> edit) {
        if (file == null) {
            throw new IllegalStateException("These users are not from a file and cannot be changed");
        }
        Contents onDisk;
        try {
            onDisk = read(file, units);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The users file no longer loads, fix it by hand first: " + e.getMessage(), e);
        }
        Map<String, User> edited = edit.apply(new LinkedHashMap<>(onDisk.users()));
        Map<String, User> sorted = new TreeMap<>();
        for (User u : edited.values()) {
            check(u, units, "user." + u.username());
            sorted.put(u.username(), u);
        }
        Contents next = new Contents(sorted, onDisk.wallTokenHashes());
        write(file, next);
        Change change = new Change(contents.users(), next.users());
        contents = next;
        return change;
    }

    /** What a first start prints once: the demo users' passwords and the wall token, never stored in clear. */
    public record Generated(List<String[]> users, String wallToken) {
    }

    /**
     * Writes a users file with one demo user per role (a department head of the catalog's first
     * department and one of its first commune) with random passwords, and a wall token; readable by its
     * owner only. Returns the secrets to show once.
     */
    public static Generated generateDemo(Path file, UnitCatalog units) {
        List<User> users = new ArrayList<>();
        List<String[]> shown = new ArrayList<>();
        addDemo(users, shown, "lanhdao", Role.LEADER, null, "Lãnh đạo tỉnh");
        units.all().stream().filter(u -> u.level() == UnitLevel.DEPARTMENT && u.validTo() == null).findFirst()
                .ifPresent(d -> addDemo(users, shown, "giamdoc.so", Role.DEPARTMENT_HEAD, d.code(), "Giám đốc " + d.name()));
        units.all().stream().filter(u -> u.level() == UnitLevel.COMMUNE && u.validTo() == null).findFirst()
                .ifPresent(c -> addDemo(users, shown, "chutich.xa", Role.DEPARTMENT_HEAD, c.code(), "Chủ tịch UBND " + c.name()));
        addDemo(users, shown, "phantich", Role.ANALYST, null, "Chuyên viên phân tích");
        addDemo(users, shown, "quantri", Role.ADMIN, null, "Quản trị hệ thống");
        String wallToken = Passwords.randomToken(24);
        Map<String, User> byName = new LinkedHashMap<>();
        users.forEach(u -> byName.put(u.username(), u));
        write(file, new Contents(byName, Map.of("ioc-main", sha256(wallToken))));
        read(file, units); // what was written must load
        return new Generated(shown, wallToken);
    }

    private static void addDemo(List<User> users, List<String[]> shown, String name, Role role, String unit, String displayName) {
        String password = Passwords.randomPassword(14);
        users.add(new User(name, role, unit, Passwords.hash(password), displayName, true));
        shown.add(new String[] {name, password, role.name(), unit == null ? "" : unit});
    }

    private static void write(Path file, Contents c) {
        StringBuilder text = new StringBuilder();
        text.append("# IOC dashboard users and wall screens. The administration page (/admin) changes this file: it reads it\n")
                .append("# again before each change, so lines edited by hand are kept, but comments are not. Without the page,\n")
                .append("# edit it and restart the dashboard.\n")
                .append("#   user.<username> = <LEADER|DEPARTMENT_HEAD|ANALYST|ADMIN>,<unit code for DEPARTMENT_HEAD>,<bcrypt hash>,<enabled|disabled>,<display name>\n")
                .append("#   wall.<screen name> = <SHA-256 of the wall token, hex>\n")
                .append("# A bcrypt hash: ioc-dashboard hash-password (vn.ioc.dashboard.DashboardMain hash-password).\n");
        for (User u : c.users().values()) {
            text.append("user.").append(u.username()).append(" = ").append(u.role()).append(',')
                    .append(u.unitCode() == null ? "" : u.unitCode()).append(',').append(u.passwordHash()).append(',')
                    .append(u.enabled() ? "enabled" : "disabled").append(',')
                    .append(u.displayName() == null ? "" : escapeValue(u.displayName())).append('\n');
        }
        c.wallTokenHashes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(w -> text.append("wall.").append(escapeKey(w.getKey())).append(" = ").append(w.getValue()).append('\n'));
        try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the users file " + file, e);
        }
    }

    /** A value as java.util.Properties reads it back: only the backslash is special inside a value. */
    private static String escapeValue(String value) {
        return value.replace("\\", "\\\\");
    }

    /** A key as java.util.Properties reads it back (a wall screen's name comes from the file, so it may hold anything). */
    private static String escapeKey(String key) {
        StringBuilder sb = new StringBuilder();
        for (char ch : key.toCharArray()) {
            if (ch == '\\' || ch == '=' || ch == ':' || ch == ' ' || ch == '#' || ch == '!') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
