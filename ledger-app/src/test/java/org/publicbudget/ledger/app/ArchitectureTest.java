package org.publicbudget.ledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module arrows point one way only: app → query → domain. */
@AnalyzeClasses(packages = "org.publicbudget.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
}
