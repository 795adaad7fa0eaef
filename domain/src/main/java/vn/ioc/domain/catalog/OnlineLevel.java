package vn.ioc.domain.catalog;

/** How much of a procedure can be done online (dịch vụ công trực tuyến toàn trình / một phần). */
public enum OnlineLevel {
    FULL, PARTIAL, NONE
}
