package org.publicbudget.ledger.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandHandler;

/** The module arrows point one way only: app → query → domain; and the domain shows only its messages. */
@AnalyzeClasses(packages = "org.publicbudget.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final DescribedPredicate<JavaClass> AGGREGATES = DescribedPredicate.describe("handle commands",
            type -> type.getCodeUnits().stream().anyMatch(code -> code.isAnnotatedWith(CommandHandler.class)));

    @ArchTest
    static final ArchRule domainKnowsNoFramework = noClasses().that().resideInAPackage("..ledger.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "java.sql..", "jakarta.servlet..", "..ledger.query..", "..ledger.app..");

    @ArchTest
    static final ArchRule queryKnowsNoApp = noClasses().that().resideInAPackage("..ledger.query..")
            .should().dependOnClassesThat().resideInAPackage("..ledger.app..");

    @ArchTest
    static final ArchRule noFloatingPointInTheDomain = noClasses().that().resideInAPackage("..ledger.domain..")
            .should().dependOnClassesThat().belongToAnyOf(Double.class, Float.class);

    /** An aggregate's fields are its own (and its snapshot's); nothing outside its package can reach them. */
    @ArchTest
    static final ArchRule aggregatesArePrivateToTheirPackage = classes().that().resideInAPackage("..ledger.domain..").and(AGGREGATES)
            .should().notBePublic();

    /**
     * Outside the domain, a project or a department's budget is known only by its
     * commands, events and answers ({@code ..api}): the published contract. The one
     * exception is the handle the application registers with Axon.
     */
    @ArchTest
    static final ArchRule otherModulesUseOnlyTheMessages = noClasses().that().resideOutsideOfPackage("..ledger.domain..")
            .should().dependOnClassesThat(resideInAnyPackage("..ledger.domain.project", "..ledger.domain.budget")
                    .and(DescribedPredicate.not(simpleNameEndingWith("Aggregate"))));
}
