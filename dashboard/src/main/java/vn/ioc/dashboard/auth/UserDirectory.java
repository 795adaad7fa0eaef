package vn.ioc.dashboard.auth;

import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitCatalog;
import vn.ioc.domain.catalog.UnitLevel;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The people who may sign in and the wall screens' tokens, from a properties file an operator edits
 * (IOC_USERS_FILE):
 * <pre>
 * user.&lt;username&gt; = &lt;ROLE&gt;,&lt;unit code (department heads)&gt;,&lt;bcrypt hash&gt;
 * wall.&lt;screen name&gt; = &lt;SHA-256 of the token, hex&gt;
 * </pre>
 * Only hashes are stored: the file never holds a password or a token.
 */
public final class UserDirectory {

    private final Map<String, User> users;
    private final Map<String, String> wallTokenHashes;
    private final UnitCatalog units;

    private UserDirectory(Map<String, User> users, Map<String, String> wallTokenHashes, UnitCatalog units) {
        this.users = Map.copyOf(users);
        this.wallTokenHashes = Map.copyOf(wallTokenHashes);
        this.units = units;
    }

    /** A directory of the given users and wall tokens (name -> token in clear, hashed here); checked like a file. */
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
        return new UserDirectory(byName, hashes, units);
    }

    public static UserDirectory load(Path file, UnitCatalog units) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r, units);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + file, e);
        }
    }

    public static UserDirectory parse(String source, Reader reader, UnitCatalog units) {
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
                String name = key.substring("user.".length());
                String[] parts = value.split(",", 3);
                if (name.isBlank() || parts.length != 3) {
                    throw new IllegalArgumentException(source + ": '" + key
                            + "' must read user.<username> = <ROLE>,<unit code>,<bcrypt hash>");
                }
                Role role;
                try {
                    role = Role.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": '" + key + "' has role '" + parts[0].trim()
                            + "'; roles are LEADER, DEPARTMENT_HEAD, ANALYST, ADMIN");
                }
                String unit = parts[1].trim().isEmpty() ? null : parts[1].trim();
                User u = new User(name, role, unit, parts[2].trim());
                check(u, units, source + ": " + key);
                users.put(name, u);
            } else if (key.startsWith("wall.")) {
                if (!value.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException(source + ": '" + key + "' must be the SHA-256 of the token, 64 hex digits");
                }
                walls.put(key.substring("wall.".length()), value.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "' (expected user.* or wall.*)");
            }
        }
        return new UserDirectory(users, walls, units);
    }

    private static void check(User u, UnitCatalog units, String where) {
        if (!u.username().matches("[A-Za-z0-9._-]{1,64}")) {
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
    }

    /** The user when the password matches; the same time is spent whether or not the user exists. */
    public Optional<User> authenticate(String username, String password) {
        User u = username == null ? null : users.get(username.trim());
        if (u == null) {
            Passwords.burnCheck(password);
            return Optional.empty();
        }
        return Passwords.matches(password, u.passwordHash()) ? Optional.of(u) : Optional.empty();
    }

    /** The screen name a wall token belongs to. */
    public Optional<String> wallScreen(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(token.trim()).getBytes(StandardCharsets.US_ASCII);
        for (Map.Entry<String, String> e : wallTokenHashes.entrySet()) {
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

    public List<User> users() {
        return List.copyOf(users.values());
    }

    public Set<String> wallScreens() {
        return wallTokenHashes.keySet();
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
        Unit root = units.root().orElseThrow(() -> new IllegalStateException("The unit catalog has no root"));
        List<User> users = new ArrayList<>();
        List<String[]> shown = new ArrayList<>();
        addDemo(users, shown, "lanhdao", Role.LEADER, null);
        units.all().stream().filter(u -> u.level() == UnitLevel.DEPARTMENT && u.validTo() == null).findFirst()
                .ifPresent(d -> addDemo(users, shown, "giamdoc.so", Role.DEPARTMENT_HEAD, d.code()));
        units.all().stream().filter(u -> u.level() == UnitLevel.COMMUNE && u.validTo() == null).findFirst()
                .ifPresent(c -> addDemo(users, shown, "chutich.xa", Role.DEPARTMENT_HEAD, c.code()));
        addDemo(users, shown, "phantich", Role.ANALYST, null);
        addDemo(users, shown, "quantri", Role.ADMIN, null);
        String wallToken = Passwords.randomToken(24);

        StringBuilder text = new StringBuilder();
        text.append("# IOC dashboard users (").append(root.name()).append("). Generated at first start with random passwords,\n")
                .append("# shown once on the console. Edit freely; restart the dashboard to apply.\n")
                .append("#   user.<username> = <LEADER|DEPARTMENT_HEAD|ANALYST|ADMIN>,<unit code for DEPARTMENT_HEAD>,<bcrypt hash>\n")
                .append("#   wall.<screen name> = <SHA-256 of the wall token, hex>\n")
                .append("# A bcrypt hash: ioc-dashboard hash-password (vn.ioc.dashboard.DashboardMain hash-password).\n");
        for (User u : users) {
            text.append("user.").append(u.username()).append(" = ").append(u.role()).append(',')
                    .append(u.unitCode() == null ? "" : u.unitCode()).append(',').append(u.passwordHash()).append('\n');
        }
        text.append("wall.ioc-main = ").append(sha256(wallToken)).append('\n');
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the operator protects the file
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the users file " + file, e);
        }
        parse(file.toString(), new StringReader(text.toString()), units); // what was written must load
        return new Generated(shown, wallToken);
    }

    private static void addDemo(List<User> users, List<String[]> shown, String name, Role role, String unit) {
        String password = Passwords.randomPassword(14);
        users.add(new User(name, role, unit, Passwords.hash(password)));
        shown.add(new String[] {name, password, role.name(), unit == null ? "" : unit});
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
