package vn.ioc.infra.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The ingest endpoint's token file for the demo: one source, {@code demo-one-stop}, whose random
 * token is made on the first start. The endpoint only ever sees the token's SHA-256.
 */
public final class IngestTokens {

    public static final String DEMO_SOURCE = "demo-one-stop";

    private IngestTokens() {
    }

    /** The file of token digests the endpoint reads. */
    static Path tokensFile(Path dataDir) {
        return dataDir.resolve("ingest/tokens.properties");
    }

    /** The demo source's token, readable by the owner only. */
    public static Path demoTokenFile(Path dataDir) {
        return dataDir.resolve("ingest/" + DEMO_SOURCE + ".token");
    }

    /** Creates both files when the token file does not exist yet; an operator's own file is left alone. */
    static void ensureDemoToken(Path tokensFile, Path tokenFile) throws IOException {
        if (Files.exists(tokensFile)) {
            return;
        }
        Files.createDirectories(tokensFile.getParent());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data directory's own permissions apply
        }
        Files.writeString(tokensFile, "# source=sha256 of its bearer token (see docs/ingest.md)\n"
                + DEMO_SOURCE + "=sha256:" + sha256Hex(token) + "\n", StandardCharsets.UTF_8);
    }

    static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
