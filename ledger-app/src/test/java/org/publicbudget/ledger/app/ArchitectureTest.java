package org.publicbudget.ledger.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The application is laid out by what its users do (projects, reads, imports, audit,
 * operations …) on plumbing that knows none of it ({@code infrastructure}); the module
 * arrows point one way only: app → query → domain.
 */
@AnalyzeClasses(packages = "org.publicbudget.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("org.publicbudget.ledger.app.(**)").should().beFreeOfCycles();

    /** The application class itself starts everything and so may know nothing of any one capability. */
    @ArchTest
    static final ArchRule theApplicationKnowsNoCapability = noClasses().that().resideInAPackage("org.publicbudget.ledger.app")
            .should().dependOnClassesThat().resideInAPackage("org.publicbudget.ledger.app.(*)..");

    @ArchTest
    static final ArchRule plumbingKnowsNoCapability = noClasses().that().resideInAPackage("..ledger.app.infrastructure..")
            .should().dependOnClassesThat(resideInAnyPackage("..ledger.app..")
                    .and(DescribedPredicate.not(resideInAnyPackage("..ledger.app.infrastructure..")))
                    .as("a capability of the application"));

    @ArchTest
    static final ArchRule queryKnowsNoApp = noClasses().that().resideInAPackage("..ledger.query..")
            .should().dependOnClassesThat().resideInAPackage("..ledger.app..");

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
