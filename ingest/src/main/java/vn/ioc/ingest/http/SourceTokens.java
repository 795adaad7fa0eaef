package vn.ioc.ingest.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The sources allowed to post, each with its own bearer token. Only SHA-256 digests of the tokens
 * are kept, so the file that lists them gives nobody a token. The file is a properties file, one
 * source a line, its digest in hex (a {@code sha256:} prefix is allowed; several digests separated
 * by commas let a source rotate its token):
 * <pre>
 * # source = sha256 of its token
 * igate-haugiang = 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 * dvcqg-sync     = sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * </pre>
 * Run {@code java ... vn.ioc.ingest.http.SourceTokens NAME} for a new random token and its line.
 */
public final class SourceTokens {

    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern DIGEST = Pattern.compile("(sha256:)?[0-9a-fA-F]{64}");

    private final Map<String, String> sourceByDigest;

    private SourceTokens(Map<String, String> sourceByDigest) {
        this.sourceByDigest = Map.copyOf(sourceByDigest);
    }

    /** Reads a token file. @throws IllegalArgumentException naming the bad line */
    public static SourceTokens load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> digests = new HashMap<>();
        for (String source : p.stringPropertyNames()) {
            digests.put(source, p.getProperty(source));
        }
        try {
            return ofDigests(digests);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** @param digestsBySource source name to the hex SHA-256 of its token (or several, comma-separated) */
    public static SourceTokens ofDigests(Map<String, String> digestsBySource) {
        Map<String, String> bySource = new HashMap<>();
        for (Map.Entry<String, String> e : digestsBySource.entrySet()) {
            String source = e.getKey().strip();
            if (!SOURCE_NAME.matcher(source).matches()) {
                throw new IllegalArgumentException("'" + source + "' is not a source name: letters, digits, . _ : - (up to 64)");
            }
            for (String d : e.getValue().split(",")) {
                String digest = d.strip();
                if (!DIGEST.matcher(digest).matches()) {
                    throw new IllegalArgumentException("the token digest of " + source
                            + " must be 64 hex digits (printf %s \"$TOKEN\" | sha256sum)");
                }
                String hex = digest.substring(digest.length() - 64).toLowerCase(java.util.Locale.ROOT);
                String other = bySource.putIfAbsent(hex, source);
                if (other != null && !other.equals(source)) {
                    throw new IllegalArgumentException(source + " and " + other + " have the same token");
                }
            }
        }
        return new SourceTokens(bySource);
    }

    /** Tokens given in clear, for tests and tools: source name to token. */
    public static SourceTokens ofTokens(Map<String, String> tokenBySource) {
        Map<String, String> digests = new HashMap<>();
        tokenBySource.forEach((source, token) -> digests.put(source, sha256Hex(token)));
        return ofDigests(digests);
    }

    /** The source a presented token belongs to. */
    public Optional<String> sourceOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 1024) {
            return Optional.empty();
        }
        return Optional.ofNullable(sourceByDigest.get(sha256Hex(token)));
    }

    public Set<String> sources() {
        return new TreeSet<>(sourceByDigest.values());
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Prints a new random token for a source and the line that allows it. */
    public static void main(String[] args) {
        if (args.length != 1 || !SOURCE_NAME.matcher(args[0]).matches()) {
            System.err.println("usage: SourceTokens SOURCE-NAME   (letters, digits, . _ : -)");
            System.exit(64);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        System.out.println("token for " + args[0] + " (give it to the source, keep it nowhere else):");
        System.out.println("  " + token);
        System.out.println("line for the token file (IOC_INGEST_TOKENS_FILE):");
        System.out.println("  " + args[0] + "=" + sha256Hex(token));
    }
}
