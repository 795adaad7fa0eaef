package vn.ioc.ingest.http;

import java.io.IOException;

/** The body went past the request size limit while it was being read. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("the body is longer than the limit of " + limit + " bytes", null);
    }
}
