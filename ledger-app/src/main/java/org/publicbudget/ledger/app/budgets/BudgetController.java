package org.publicbudget.ledger.app.budgets;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.budget.api.DeclareTotal;
import org.publicbudget.ledger.domain.budget.api.RegisterUnit;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Commands on a department's budget as a whole: its units and its declared totals. */
@RestController
public class BudgetController {

    private final CommandGateway commands;
    private final KnownUnits units;
    private final LedgerPosition position;

    public BudgetController(CommandGateway commands, KnownUnits units, LedgerPosition position) {
        this.commands = commands;
        this.units = units;
        this.position = position;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/units")
    public ResponseEntity<Map<String, Object>> registerUnit(@RequestBody UnitRegistrationRequest body, Authentication user,
            HttpServletRequest request) {
        String department = RequestFields.required("department", body.department());
        int fiscalYear = RequestFields.fiscalYear(body.fiscalYear());
        String unit = RequestFields.required("unit", body.unit());
        String reason = RequestFields.required("reason", body.reason());
        String departmentId = OrganisationIds.departmentId(Texts.required("department", department), fiscalYear);
        String unitId = commands.sendAndWait(new RegisterUnit(departmentId, department, fiscalYear, unit, reason),
                CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitId", unitId);
        answer.put("departmentId", departmentId);
        answer.put("position", position.reached());
        return ResponseEntity.created(URI.create("/api/v1/units/" + unitId)).body(answer);
    }

    /** A unit's total can be declared only for a unit the ledger knows: a typo must not create a unit. */
    @PostMapping("/api/v1/declared-totals")
    public Map<String, Object> declareTotal(@RequestBody DeclaredTotalRequest body, Authentication user, HttpServletRequest request) {
        DeclareTotal command = body.command();
        String departmentId = command.departmentId();
        String unitId = null;
        if (body.unit() != null) {
            unitId = OrganisationIds.unitId(departmentId, Texts.required("unit", RequestFields.required("unit", body.unit())));
            if (!units.known(unitId)) {
                throw NotFound.named("unit", "no unit named " + body.unit() + " in " + command.department() + " " + command.fiscalYear());
            }
        }
        BigDecimal declared = commands.sendAndWait(command,
                CommandMetadata.of(user, request, command.reason(), body.documentNumber(), body.effectiveDate()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("departmentId", departmentId);
        answer.put("unitId", unitId);
        answer.put("declaredTotal", declared);
        answer.put("position", position.reached());
        return answer;
    }
}
