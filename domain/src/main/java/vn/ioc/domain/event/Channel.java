package vn.ioc.domain.event;

/** KenhThucHien: how a dossier was submitted. The national code is 1, 2 or 3. */
public enum Channel {
    COUNTER(1), ONLINE(2), POSTAL(3);

    private final int nationalCode;

    Channel(int nationalCode) {
        this.nationalCode = nationalCode;
    }

    public int nationalCode() {
        return nationalCode;
    }

    public static Channel fromNationalCode(int code) {
        for (Channel c : values()) {
            if (c.nationalCode == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("KenhThucHien must be 1, 2 or 3, was " + code);
    }
}
