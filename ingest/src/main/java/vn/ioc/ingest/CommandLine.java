package vn.ioc.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of the ingest commands: {@code --name value} pairs, {@code --flag} switches, and words
 * that come first (a sub-command). A value missing on the command line falls back to an
 * environment variable, then to a default, so the launcher and a person at a shell can both drive them.
 */
public final class CommandLine {

    private final List<String> words;
    private final Map<String, String> values;
    private final Set<String> switches;

    private CommandLine(List<String> words, Map<String, String> values, Set<String> switches) {
        this.words = words;
        this.values = values;
        this.switches = switches;
    }

    /**
     * @param flags the options that take no value
     * @throws IllegalArgumentException on a malformed command line
     */
    public static CommandLine parse(String[] args, Set<String> flags) {
        List<String> words = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (!values.isEmpty() || !switches.isEmpty()) {
                    throw new IllegalArgumentException("Options look like --name value; got '" + a + "'");
                }
                words.add(a);
                continue;
            }
            String name = a.substring(2);
            if (flags.contains(name)) {
                switches.add(name);
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return new CommandLine(List.copyOf(words), values, switches);
    }

    public List<String> words() {
        return words;
    }

    public boolean has(String name) {
        return values.containsKey(name) || switches.contains(name);
    }

    public boolean flag(String name) {
        return switches.contains(name);
    }

    /** The option's value, else the environment variable's, else {@code fallback}. */
    public String get(String name, String env, String fallback) {
        String v = values.get(name);
        if (v == null && env != null) {
            v = System.getenv(env);
            if (v != null && v.isBlank()) {
                v = null;
            }
        }
        return v == null ? fallback : v;
    }

    public String get(String name, String fallback) {
        return get(name, null, fallback);
    }

    public String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    public long getLong(String name, long fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + v + "'");
        }
    }

    public double getDouble(String name, double fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + v + "'");
        }
    }
}
