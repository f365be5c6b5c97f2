package org.publicbudget.ledger.domain.organisation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Departments and units come into being on first use, so their identities are
 * derived from what names them: a department by its name and fiscal year, a unit
 * by its name within its department. The same names always give the same ids, on
 * every node and in every import.
 */
public final class OrganisationIds {

    private OrganisationIds() {
    }

    public static String departmentId(String departmentName, int fiscalYear) {
        return nameBased("department|" + fiscalYear + "|" + departmentName);
    }

    public static String unitId(String departmentId, String unitName) {
        return nameBased("unit|" + departmentId + "|" + unitName);
    }

    private static String nameBased(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
