package vn.ioc.dashboard;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ioc.dashboard.alerts.AlertRepository;
import vn.ioc.dashboard.admin.Administration;
import vn.ioc.dashboard.admin.UserAdministration;
import vn.ioc.dashboard.api.AdminCatalogRoutes;
import vn.ioc.dashboard.api.AdminDeadLetterRoutes;
import vn.ioc.dashboard.api.AdminUserRoutes;
import vn.ioc.dashboard.api.DossierRoutes;
import vn.ioc.dashboard.api.KpiRoutes;
import vn.ioc.dashboard.api.PageRoutes;
import vn.ioc.dashboard.api.ReportRoutes;
import vn.ioc.dashboard.api.SqlRoutes;
import vn.ioc.dashboard.auth.Access;
import vn.ioc.dashboard.auth.AccessControl;
import vn.ioc.dashboard.auth.SessionStore;
import vn.ioc.dashboard.auth.UserDirectory;
import vn.ioc.dashboard.dossier.DossierRepository;
import vn.ioc.dashboard.kpi.KpiRepository;
import vn.ioc.dashboard.report.ReportService;
import vn.ioc.dashboard.status.DataVersion;
import vn.ioc.dashboard.status.PipelineStatus;
import vn.ioc.dashboard.stream.LiveFeed;
import vn.ioc.dashboard.web.Pages;
import vn.ioc.dashboard.web.UnitScope;
import vn.ioc.domain.catalog.Catalogs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The dashboard: JSON API and pages, behind sign-in. Built from its dependencies so tests can hand it a
 * real ClickHouse, their own users, no Kafka and no catalog directory, and run it with JavalinTest.
 * Each {@link #javalin()} is a complete server with its own sessions' check and live feed.
 */
public final class DashboardApp {

    private static final Logger log = LoggerFactory.getLogger(DashboardApp.class);

    /**
     * @param liveFeedInterval how often the live stream reads the data's fingerprint while a screen is connected
     * @param jdbcUrl          shown to analysts: how their own tools connect to the same database
     */
    public record Options(Duration sessionIdle, Duration sessionMax, boolean secureCookie, Duration liveFeedInterval,
                          String jdbcUrl) {
        public static Options defaults(String jdbcUrl) {
            return new Options(Duration.ofMinutes(30), Duration.ofHours(12), false, Duration.ofMillis(500), jdbcUrl);
        }
    }

    private final Catalogs catalogs;
    private final Client clickhouse;
    private final PipelineStatus status;
    private final UserDirectory users;
    private final Administration administration;
    private final Options options;
    private final SessionStore sessions;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** A registered route and the access it declares: what the role-matrix test walks through. */
    public record Route(String method, String path, Set<String> access) {
    }

    public DashboardApp(Catalogs catalogs, Client clickhouse, PipelineStatus status, UserDirectory users,
                        Administration administration, Options options) {
        this.catalogs = catalogs;
        this.clickhouse = clickhouse;
        this.status = status;
        this.users = users;
        this.administration = administration;
        this.options = options;
        this.sessions = new SessionStore(options.sessionIdle(), options.sessionMax(), java.time.Clock.systemUTC());
    }

    public Javalin javalin() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            // Scripts, styles and ECharts hold no data: anyone may load them, the sign-in page included.
            config.staticFiles.add(files -> {
                files.hostedPath = "/webjars";
                files.directory = "META-INF/resources/webjars";
                files.headers = Map.of("Cache-Control", "max-age=31536000");
                files.roles = Set.of(Access.PUBLIC);
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/public/assets";
                files.headers = Map.of("Cache-Control", "no-cache");
                files.roles = Set.of(Access.PUBLIC);
            });
            config.http.defaultContentType = "application/json";
        });

        routes.clear();
        app.events(events -> events.handlerAdded(meta -> {
            if (meta.getHttpMethod().isHttpMethod()) {
                routes.add(new Route(meta.getHttpMethod().name(), meta.getPath(),
                        meta.getRoles().stream().map(Object::toString).collect(Collectors.toSet())));
            }
        }));

        KpiRepository kpis = new KpiRepository(clickhouse);
        DossierRepository dossiers = new DossierRepository(clickhouse);
        AlertRepository alerts = new AlertRepository(clickhouse);
        DataVersion data = new DataVersion(clickhouse);
        UnitScope scope = new UnitScope(catalogs.units());
        LiveFeed feed = new LiveFeed(data, options.liveFeedInterval());

        new AccessControl(users, sessions, options.secureCookie()).register(app);
        new KpiRoutes(catalogs, scope, kpis, alerts, data).register(app);
        new DossierRoutes(catalogs, scope, dossiers, alerts, data).register(app);
        new ReportRoutes(catalogs, scope, new ReportService(catalogs.units(), kpis, dossiers, data)).register(app);
        new SqlRoutes(clickhouse, options.jdbcUrl()).register(app);
        new AdminUserRoutes(users, new UserAdministration(users, sessions, catalogs.units()), catalogs.units()).register(app);
        new AdminCatalogRoutes(catalogs, administration.catalogDirectory(), users).register(app);
        new AdminDeadLetterRoutes(clickhouse, administration.deadLetterReplays(), administration.catalogDirectory()).register(app);
        new PageRoutes(scope, dossiers).register(app);
        // Health checks (the launcher, a load balancer) read the status without credentials: it holds no unit's numbers.
        app.get("/api/status", ctx -> ctx.json(status.status()), Access.PUBLIC);
        app.sse("/api/stream", feed::accept, Access.SIGNED_IN);

        app.events(events -> {
            events.serverStarted(feed::start);
            events.serverStopping(feed::close);
        });
        app.exception(ApiError.class, (e, ctx) -> {
            if (ctx.path().startsWith("/api/")) {
                ctx.status(e.status()).json(e.body());
            } else {
                refuse(ctx, e.status(), e.getMessage());
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            if (unreachable(e)) {
                log.warn("{} {}: ClickHouse cannot be reached: {}", ctx.method(), ctx.path(), e.toString());
                refuse(ctx, 503, "ClickHouse cannot be reached");
                return;
            }
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            refuse(ctx, 500, "Internal error: " + e.getClass().getSimpleName());
        });
        return app;
    }

    /** The routes of the last {@link #javalin()} built. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(Context ctx, int status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.json(Map.of("error", message));
        } else {
            ctx.contentType("text/html; charset=utf-8").result(Pages.refusal(status, message));
        }
    }
}
