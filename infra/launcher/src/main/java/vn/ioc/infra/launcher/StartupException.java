package vn.ioc.infra.launcher;

/** A part did not start; the message says which, why, and where to look. */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
