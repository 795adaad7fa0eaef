package vn.ioc.dashboard.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;

/** bcrypt hashes for the users file, and the random secrets the dashboard hands out. */
public final class Passwords {

    /** 2^10 rounds: about 60 ms to check on a small server, slow enough against guessing a stolen file. */
    static final int COST = 10;
    /** The shortest password accepted (the one the hash-password command always required). */
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads only this many bytes: a longer password would be refused by the hasher. */
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of(
            "1234567890", "0123456789", "12345678910", "123456789a", "a123456789", "1234567890a", "qwertyuiop", "1q2w3e4r5t",
            "password123", "password1234", "matkhau123", "matkhau1234", "matkhau@123", "admin12345", "admin@12345",
            "abc1234567", "abcd123456", "iloveyou123", "123123123123");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** Checked when the user is unknown, so that a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = hash("not a password of anyone");

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /**
     * Why a new password would be too easy to guess, or null when it is acceptable: at least
     * {@value #MIN_LENGTH} characters and at most {@value #MAX_BYTES} bytes, not the username or built
     * on it, not one of the passwords every guessing list starts with, and not a few characters
     * repeated. Length matters far more than mixing character kinds, so no kind is required.
     *
     * @param username the account's name, or null when unknown (the hash-password command)
     */
    public static String weakness(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a password may have at most " + MAX_BYTES + " bytes, all that bcrypt reads";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "a password must not contain the username";
        }
        if (COMMON.contains(lower)) {
            return "this password is on every list of common passwords";
        }
        if (password.chars().distinct().count() < 5) {
            return "a password needs at least 5 different characters";
        }
        return null;
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
