package vn.ioc.dashboard.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;
import vn.ioc.dashboard.web.Pages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in and the check in front of every endpoint. A person signs in with the form and gets a
 * session cookie (HttpOnly, SameSite=Strict); a wall screen presents its read-only token as
 * {@code ?token=}, {@code Authorization: Bearer} or {@code X-IOC-Token}. Each route declares one
 * {@link Access}; the principal must be granted it. Unit scoping (a department head's subtree) is
 * checked by the handlers, which know the units a request touches.
 *
 * <p>Writes of the administration (any method but GET, HEAD, OPTIONS on an {@link Access#ADMIN} route) must come from
 * this site's own pages: besides the SameSite=Strict cookie that already keeps other sites' requests
 * unauthenticated (and protects the sign-in form the same way), the request's {@code Origin} (or, when
 * a browser leaves it out, its {@code Referer}) must name this host, and a browser's
 * {@code Sec-Fetch-Site} must say {@code same-origin}. This is the origin check OWASP recommends for
 * APIs called by their own pages with fetch; it needs no token in the page. A script or a tool calling
 * these endpoints sends {@code Origin: <the dashboard's address>} with its session cookie.
 */
public final class AccessControl {

    public static final String SESSION_COOKIE = "ioc_session";
    /** Methods that change nothing, which need no origin check. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String PRINCIPAL = "ioc.principal";

    private final UserDirectory users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final boolean secureCookie;

    public AccessControl(UserDirectory users, SessionStore sessions, boolean secureCookie) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = new LoginThrottle(Clock.systemUTC());
        this.secureCookie = secureCookie;
    }

    public UserDirectory users() {
        return users;
    }

    /** The principal the check found for this request; null on a public route without credentials. */
    public static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    public void register(Javalin app) {
        app.beforeMatched(this::check);
        app.get("/login", ctx -> Pages.send(ctx, "login.html"), Access.PUBLIC);
        app.post("/login", this::login, Access.PUBLIC);
        app.post("/logout", this::logout, Access.PUBLIC);
        app.get("/api/me", this::me, Access.SIGNED_IN);
    }

    private void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Access access)) {
            // A route without exactly one declared access is a mistake in the app: refuse rather than guess.
            deny(ctx, HttpStatus.FORBIDDEN, "This route declares no access rule");
            return;
        }
        Principal p = authenticate(ctx);
        if (p != null) {
            ctx.attribute(PRINCIPAL, p);
        }
        if (access == Access.PUBLIC) {
            return;
        }
        if (p == null) {
            if (isApi(ctx)) {
                deny(ctx, HttpStatus.UNAUTHORIZED, "Sign in first (POST /login), or give the wall token");
            } else {
                String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
            }
            return;
        }
        if (!p.may(access)) {
            deny(ctx, HttpStatus.FORBIDDEN, (p.isWall() ? "The wall token" : "The role " + p.role())
                    + " does not give access to " + ctx.path());
            return;
        }
        if (access == Access.ADMIN && !SAFE_METHODS.contains(ctx.method().name())) {
            String refusal = crossOriginRefusal(ctx);
            if (refusal != null) {
                ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", refusal, "code", "CROSS_ORIGIN"));
                ctx.skipRemainingHandlers();
            }
        }
    }

    /** Why a write does not come from this site's own pages, or null when it does. */
    private static String crossOriginRefusal(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin")) {
            return "Refused: the browser says this request comes from another site (Sec-Fetch-Site: " + fetchSite + ")";
        }
        String host = ctx.header("Host");
        String origin = ctx.header("Origin");
        // "Origin: null" (a sandboxed frame, a file) names no site and is refused like any other.
        String claimed = origin != null ? origin : ctx.header("Referer");
        if (claimed == null) {
            return "Refused: a write needs an Origin header naming this site (send Origin: http://" + host + ")";
        }
        String authority;
        try {
            authority = URI.create(claimed).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        if (host == null || authority == null || !authority.equalsIgnoreCase(host)) {
            return "Refused: the request comes from " + claimed + ", not from this site (" + host + ")";
        }
        return null;
    }

    private Principal authenticate(Context ctx) {
        String session = ctx.cookie(SESSION_COOKIE);
        if (session != null) {
            Principal p = sessions.find(session).orElse(null);
            if (p != null) {
                return p;
            }
        }
        String token = ctx.header("X-IOC-Token");
        String authorization = ctx.header("Authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        if (token == null) {
            token = ctx.queryParam("token");
        }
        return users.wallScreen(token).map(Principal::wall).orElse(null);
    }

    private void login(Context ctx) {
        String username = ctx.formParam("username");
        String password = ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        if (username == null || username.isBlank() || throttle.blocked(username)) {
            ctx.redirect("/login?error=" + (username == null || username.isBlank() ? "1" : "locked") + nextParam(next));
            return;
        }
        User user = users.authenticate(username, password).orElse(null);
        if (user == null) {
            throttle.failed(username);
            ctx.redirect("/login?error=1" + nextParam(next));
            return;
        }
        throttle.succeeded(username);
        String old = ctx.cookie(SESSION_COOKIE);
        sessions.remove(old); // a new id at every sign-in: a planted cookie is never promoted
        Principal p = users.principalOf(user);
        String id = sessions.create(p);
        if (!users.find(user.username()).equals(Optional.of(user))) {
            // An administrator changed or disabled this user while the password was being checked: the
            // change ended the user's sessions before this one existed, so end it too.
            sessions.remove(id);
            ctx.redirect("/login?error=1" + nextParam(next));
            return;
        }
        ctx.cookie(new Cookie(SESSION_COOKIE, id, "/", -1, secureCookie, 0, true, null, null, SameSite.STRICT));
        ctx.redirect(next != null ? next : home(p));
    }

    private void logout(Context ctx) {
        sessions.remove(ctx.cookie(SESSION_COOKIE));
        ctx.cookie(new Cookie(SESSION_COOKIE, "", "/", 0, secureCookie, 0, true, null, null, SameSite.STRICT));
        ctx.redirect("/login");
    }

    private void me(Context ctx) {
        Principal p = principal(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("displayName", p.isWall() ? null : users.find(p.name()).map(User::displayName).orElse(null));
        m.put("role", p.isWall() ? "WALL" : p.role().name());
        m.put("homeUnit", p.homeUnit());
        m.put("home", home(p));
        m.put("sql", p.may(Access.SQL));
        m.put("admin", p.may(Access.ADMIN));
        m.put("allUnits", p.seesEverything());
        ctx.json(m);
    }

    /** Where a person lands after signing in. */
    public static String home(Principal p) {
        if (p.isWall() || p.role() == Role.LEADER) {
            return "/";
        }
        return switch (p.role()) {
            case DEPARTMENT_HEAD -> "/report?unit=" + URLEncoder.encode(p.homeUnit(), StandardCharsets.UTF_8);
            case ANALYST -> "/analyst";
            case ADMIN -> "/admin";
            default -> "/";
        };
    }

    /** Only a path of this site: never "//host" or "http://host", so sign-in cannot send anyone elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login")) {
            return null;
        }
        return next;
    }

    private static String nextParam(String next) {
        return next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /** A refusal in the form the caller reads: JSON for the API, a small page for a browser. */
    public static void deny(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        if (isApi(ctx)) {
            ctx.json(Map.of("error", message));
        } else {
            ctx.contentType("text/html; charset=utf-8").result(Pages.refusal(status.getCode(), message));
        }
        ctx.skipRemainingHandlers();
    }
}
