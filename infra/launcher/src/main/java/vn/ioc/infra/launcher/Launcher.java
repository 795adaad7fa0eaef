package vn.ioc.infra.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the IOC product on one machine ({@code ./ioc demo}), or stops / reports on one that runs
 * ({@code ./ioc stop}, {@code ./ioc status}).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(run(List.of(args), out));
    }

    static int run(List<String> args, PrintStream out) {
        try {
            LauncherArgs parsed = LauncherArgs.parse(args);
            if (parsed.command() == LauncherArgs.Command.HELP) {
                out.print(LauncherArgs.USAGE);
                return 0;
            }
            Path workingDir = Path.of("").toAbsolutePath();
            LauncherConfig config = LauncherConfig.load(parsed.configFile(), System.getenv(), workingDir)
                    .with(parsed.overrides());
            return switch (parsed.command()) {
                case DEMO -> new Supervisor(config, ProjectLayout.locate(System.getenv("IOC_HOME"), workingDir), out).run();
                case STOP -> StopCommand.run(config, out);
                case STATUS -> StatusCommand.run(config, out);
                case HELP -> 0;
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            out.println("IOC launcher failed: " + e);
            e.printStackTrace(out);
            return 1;
        }
    }
}
