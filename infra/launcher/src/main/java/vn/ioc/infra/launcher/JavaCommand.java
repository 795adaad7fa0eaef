package vn.ioc.infra.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code java} command line: the JVM running the launcher, a classpath, JVM options, a main class. */
public final class JavaCommand {

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private final String classpath;
    private final String mainClass;

    private JavaCommand(String classpath, String mainClass) {
        this.classpath = classpath;
        this.mainClass = mainClass;
    }

    public static JavaCommand of(String classpath, String mainClass) {
        return new JavaCommand(classpath, mainClass);
    }

    /** The {@code java} of the JVM running now, so every part runs on the same Java. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public JavaCommand jvm(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public JavaCommand jvm(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand args(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    public JavaCommand args(List<String> args) {
        arguments.addAll(args);
        return this;
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
