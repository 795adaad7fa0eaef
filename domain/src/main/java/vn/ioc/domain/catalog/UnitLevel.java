package vn.ioc.domain.catalog;

/** Cấp đơn vị. DISTRICT exists only until 30 June 2025. */
public enum UnitLevel {
    PROVINCE, DEPARTMENT, DISTRICT, COMMUNE
}
