package org.publicbudget.ledger.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandHandler;

/** The domain knows no framework but Axon's annotations, keeps its aggregates to itself and its packages in a line. */
@AnalyzeClasses(packages = "org.publicbudget.ledger.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    private static final DescribedPredicate<JavaClass> AGGREGATES = DescribedPredicate.describe("handle commands",
            type -> type.getCodeUnits().stream().anyMatch(code -> code.isAnnotatedWith(CommandHandler.class)));

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("org.publicbudget.ledger.domain.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainKnowsNoFramework = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "java.sql..", "jakarta.servlet..", "..ledger.query..", "..ledger.app..");

    @ArchTest
    static final ArchRule noFloatingPoint = noClasses().should().dependOnClassesThat().belongToAnyOf(Double.class, Float.class);

    /** An aggregate's fields are its own (and its snapshot's); nothing outside its package can reach them. */
    @ArchTest
    static final ArchRule aggregatesArePrivateToTheirPackage = classes().that(AGGREGATES).should().notBePublic();

    /** The published contract (commands, events, answers) stands on its own: it never reaches into an aggregate. */
    @ArchTest
    static final ArchRule messagesKnowNoAggregate = noClasses().that().resideInAPackage("..api..")
            .should().dependOnClassesThat().resideInAnyPackage("..ledger.domain.project", "..ledger.domain.budget");
}
