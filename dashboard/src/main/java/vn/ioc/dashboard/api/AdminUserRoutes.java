package vn.ioc.dashboard.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.ioc.dashboard.ApiError;
import vn.ioc.dashboard.admin.UserAdministration;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.Passwords;
import vn.ioc.dashboard.auth.Role;
import vn.ioc.dashboard.auth.User;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.web.JsonBody;
import vn.ioc.domain.catalog.Unit;
import vn.ioc.domain.catalog.UnitCatalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Administration of the people who may sign in (never their hashes) and the wall screens:
 * <pre>
 * GET  /api/admin/users                            users, wall screens, whether they can be changed here
 * POST /api/admin/users                            {username, displayName?, role, unitCode?, password} -> 201
 * PUT  /api/admin/users/{username}                 {displayName?, role?, unitCode?, enabled?}: only the fields sent change
 * POST /api/admin/users/{username}/password        {password}
 * </pre>
 */
public final class AdminUserRoutes {

    private static final Set<String> CREATE_FIELDS = Set.of("username", "displayName", "role", "unitCode", "password");
    private static final Set<String> UPDATE_FIELDS = Set.of("displayName", "role", "unitCode", "enabled");

    private final UserDirectory users;
    private final UserAdministration administration;
    private final UnitCatalog units;

    public AdminUserRoutes(UserDirectory users, UserAdministration administration, UnitCatalog units) {
        this.users = users;
        this.administration = administration;
        this.units = units;
    }

    public void register(Javalin app) {
        app.get("/api/admin/users", this::list, Access.ADMIN);
        app.post("/api/admin/users", this::create, Access.ADMIN);
        app.put("/api/admin/users/{username}", this::update, Access.ADMIN);
        app.post("/api/admin/users/{username}/password", this::resetPassword, Access.ADMIN);
    }

    private void list(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", users.users().stream().map(this::json).toList());
        m.put("wallScreens", List.copyOf(users.wallScreens()));
        m.put("file", users.file().map(f -> f.toAbsolutePath().toString()).orElse(null));
        m.put("editing", administration.availability().json());
        m.put("passwordMinLength", Passwords.MIN_LENGTH);
        ctx.json(m);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, CREATE_FIELDS);
        UserAdministration.Outcome outcome = administration.create(body.requiredText("username"), body.text("displayName"),
                role(body.requiredText("role")), body.text("unitCode"), password(body));
        ctx.status(201).json(json(outcome));
    }

    private void update(Context ctx) {
        JsonBody body = JsonBody.read(ctx, UPDATE_FIELDS);
        Role role = body.has("role") ? role(body.requiredText("role")) : null;
        String displayName = body.text("displayName");
        String unitCode = body.text("unitCode");
        Boolean enabled = body.has("enabled") ? body.bool("enabled") : null;
        if (body.has("enabled") && enabled == null) {
            throw ApiError.badField("BAD_FIELD", "enabled", "must be true or false");
        }
        UserAdministration.Outcome outcome = administration.update(ctx.pathParam("username"), u -> new User(u.username(),
                role != null ? role : u.role(),
                body.has("unitCode") ? unitCode : u.unitCode(),
                u.passwordHash(),
                body.has("displayName") ? displayName : u.displayName(),
                enabled != null ? enabled : u.enabled()));
        ctx.json(json(outcome));
    }

    private void resetPassword(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("password"));
        ctx.json(json(administration.resetPassword(ctx.pathParam("username"), password(body))));
    }

    private static String password(JsonBody body) {
        String password = body.raw("password");
        if (password == null) {
            throw ApiError.badField("MISSING_FIELD", "password", "is required");
        }
        return password;
    }

    private static Role role(String value) {
        try {
            return Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badField("INVALID_ROLE", "role", "'" + value + "' is not a role; roles are LEADER, DEPARTMENT_HEAD, ANALYST, ADMIN");
        }
    }

    private Map<String, Object> json(UserAdministration.Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", json(outcome.user()));
        m.put("sessionsEnded", outcome.sessionsEnded());
        return m;
    }

    private Map<String, Object> json(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("displayName", u.displayName());
        m.put("role", u.role().name());
        m.put("unitCode", u.unitCode());
        m.put("unitName", u.unitCode() == null ? null : units.find(u.unitCode()).map(Unit::name).orElse(null));
        m.put("enabled", u.enabled());
        return m;
    }
}
