package org.publicbudget.ledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The read side knows the domain's messages and nothing of the application; its packages point one way. */
@AnalyzeClasses(packages = "org.publicbudget.ledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("org.publicbudget.ledger.query.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule queryKnowsNoApp = noClasses().should().dependOnClassesThat().resideInAPackage("..ledger.app..");

    /** The generic read-model machinery serves every read model and knows none of them (it reads the store through history). */
    @ArchTest
    static final ArchRule readModelMachineryKnowsNoReadModel = noClasses().that().resideInAPackage("..query.readmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.totals..", "..query.audit..", "..query.proof..");
}
