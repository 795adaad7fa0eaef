package vn.ioc.dashboard.admin;

import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.auth.Passwords;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.SessionStore;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.domain.catalog.UnitCatalog;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An administrator's changes to the users: create, edit (display name, role, unit), disable or
 * enable, reset a password. Each change is checked, written to the users file and served at once;
 * the sessions it makes wrong end at once too (a session keeps the role and units it was given at
 * sign-in): those of a user disabled, given another role or unit, or a new password.
 */
public final class UserAdministration {

    /** The result of a change: the user as stored now, and how many of their sessions it ended. */
    public record Outcome(User user, int sessionsEnded) {
    }

    private final UserDirectory users;
    private final SessionStore sessions;
    private final UnitCatalog units;

    public UserAdministration(UserDirectory users, SessionStore sessions, UnitCatalog units) {
        this.users = users;
        this.sessions = sessions;
        this.units = units;
    }

    /** Users can be changed when they come from a file in a directory the dashboard may write. */
    public Availability availability() {
        Path file = users.file().orElse(null);
        if (file == null) {
            return Availability.unavailable("USERS_NOT_FROM_FILE",
                    "These users are built into the program (a test or the benchmark), not read from a users file");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isWritable(dir)) {
            return Availability.unavailable("USERS_FILE_NOT_WRITABLE",
                    "The dashboard may not write in " + dir + ", the directory of the users file (IOC_USERS_FILE)");
        }
        return Availability.AVAILABLE;
    }

    public Outcome create(String username, String displayName, Role role, String unitCode, String password) {
        if (!UserDirectory.validUsername(username)) {
            throw ApiError.badField("INVALID_USERNAME", "username", "a username is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String hash = hashOf(password, username);
        User created = new User(username, role, unitFor(role, unitCode), hash, displayName, true);
        check(created);
        return apply(username, all -> {
            for (String existing : all.keySet()) {
                if (existing.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
                    throw new ApiError(409, "DUPLICATE_USERNAME", "Field 'username': the user '" + existing + "' already exists",
                            Map.of("field", "username"));
                }
            }
            all.put(username, created);
            return all;
        });
    }

    /**
     * Changes an existing user with {@code edit}, given the user as the file has it now; a unit is kept
     * only for a department head.
     */
    public Outcome update(String username, UnaryOperator<User> edit) {
        return apply(username, all -> {
            User edited = edit.apply(existing(all, username));
            User normalized = new User(username, edited.role(), unitFor(edited.role(), edited.unitCode()),
                    edited.passwordHash(), edited.displayName(), edited.enabled());
            check(normalized);
            all.put(username, normalized);
            return all;
        });
    }

    public Outcome resetPassword(String username, String password) {
        String hash = hashOf(password, username);
        return apply(username, all -> {
            User u = existing(all, username);
            all.put(username, new User(u.username(), u.role(), u.unitCode(), hash, u.displayName(), u.enabled()));
            return all;
        });
    }

    private Outcome apply(String username, UnaryOperator<Map<String, User>> edit) {
        availability().require();
        UserDirectory.Change change;
        try {
            change = users.change(all -> {
                long adminsBefore = enabledAdmins(all);
                Map<String, User> after = edit.apply(all);
                if (adminsBefore > 0 && enabledAdmins(after) == 0) {
                    throw new ApiError(409, "LAST_ADMIN", "This would leave no enabled ADMIN: no one could administer the "
                            + "dashboard any more; make another user ADMIN first", Map.of());
                }
                return after;
            });
        } catch (IllegalStateException e) {
            throw new ApiError(409, "USERS_FILE_INVALID", e.getMessage(), Map.of());
        } catch (UncheckedIOException e) {
            throw new ApiError(500, "USERS_FILE_NOT_WRITTEN", e.getMessage() + ": " + e.getCause().getMessage(), Map.of());
        }
        int ended = 0;
        for (User before : change.before().values()) {
            User after = change.after().get(before.username());
            if (invalidatesSessions(before, after)) {
                int n = sessions.revoke(before.username());
                if (before.username().equals(username)) {
                    ended = n;
                }
            }
        }
        return new Outcome(change.after().get(username), ended);
    }

    /** A session holds the rights of sign-in time: they are wrong once any of these changed. */
    private static boolean invalidatesSessions(User before, User after) {
        return after == null || !after.enabled() || after.role() != before.role()
                || !Objects.equals(after.unitCode(), before.unitCode()) || !after.passwordHash().equals(before.passwordHash());
    }

    private static User existing(Map<String, User> all, String username) {
        User u = all.get(username);
        if (u == null) {
            throw new ApiError(404, "UNKNOWN_USER", "No user '" + username + "'", Map.of());
        }
        return u;
    }

    private static long enabledAdmins(Map<String, User> all) {
        return all.values().stream().filter(u -> u.enabled() && u.role() == Role.ADMIN).count();
    }

    private static String hashOf(String password, String username) {
        String weakness = Passwords.weakness(password, username);
        if (weakness != null) {
            throw new ApiError(400, "WEAK_PASSWORD", "Field 'password': " + weakness,
                    Map.of("field", "password", "minLength", Passwords.MIN_LENGTH));
        }
        return Passwords.hash(password);
    }

    private static String unitFor(Role role, String unitCode) {
        return role == Role.DEPARTMENT_HEAD ? unitCode : null;
    }

    private void check(User u) {
        if (u.role() == Role.DEPARTMENT_HEAD) {
            if (u.unitCode() == null) {
                throw ApiError.badField("MISSING_UNIT", "unitCode", "a DEPARTMENT_HEAD needs the code of their unit");
            }
            if (!units.contains(u.unitCode())) {
                throw ApiError.badField("UNKNOWN_UNIT", "unitCode", "'" + u.unitCode() + "' is not a unit of the catalog");
            }
        }
        String nameProblem = UserDirectory.displayNameProblem(u.displayName());
        if (nameProblem != null) {
            throw ApiError.badField("INVALID_DISPLAY_NAME", "displayName", nameProblem);
        }
    }
}
