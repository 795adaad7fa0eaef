package vn.ioc.dashboard.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.security.SecureRandom;

/** bcrypt hashes for the users file, and the random secrets the dashboard hands out. */
public final class Passwords {

    /** 2^10 rounds: about 60 ms to check on a small server, slow enough against guessing a stolen file. */
    static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** Checked when the user is unknown, so that a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = hash("not a password of anyone");

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
    }

    /** Spends the time of one check and fails: for unknown users. */
    static boolean burnCheck(String password) {
        matches(password == null ? "" : password, DUMMY_HASH);
        return false;
    }

    /** A password a person can type: letters and digits without look-alikes (0/O, 1/l/I). */
    public static String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A URL-safe random secret of the given number of bytes (session ids, wall tokens). */
    public static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
