package vn.ioc.domain.sync;

/**
 * A national-portal snapshot that cannot be read. {@link #field()} names the portal field
 * (e.g. {@code NgayHenTra}, {@code DanhSachHoSoBoSung[0].NgayBoSung}), null when the input as a
 * whole is wrong (not JSON, not an object).
 */
public class SyncFormatException extends RuntimeException {

    private final String field;

    public SyncFormatException(String field, String problem) {
        super(field == null ? problem : field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
