package vn.ioc.domain.catalog;

import java.io.Serializable;

/** A procedure of the catalog (thủ tục hành chính), by its MaTTHC code. */
public record Procedure(String code, String name, String field, int statutoryWorkingDays,
                        boolean feeRequired, OnlineLevel onlineLevel) implements Serializable {
}
