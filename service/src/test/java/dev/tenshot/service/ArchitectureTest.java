package dev.tenshot.service;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/** Keeps feature packages apart and entities inside their feature. */
@AnalyzeClasses(packages = "dev.tenshot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("dev.tenshot.service.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule entitiesStayInsideTheirFeature =
            classes().that().areAnnotatedWith(Entity.class).should().notBePublic();

    @ArchTest
    static final ArchRule controllersNeverReturnEntities = noMethods()
            .that()
            .areDeclaredInClassesThat()
            .areAnnotatedWith(RestController.class)
            .should()
            .haveRawReturnType(describe("an entity", type -> type.isAnnotatedWith(Entity.class)));

    @ArchTest
    static final ArchRule librariesKnowNoSpringNorPersistence = noClasses()
            .that()
            .resideInAnyPackage("dev.tenshot.space..", "dev.tenshot.predictor..", "dev.tenshot.search..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "dev.tenshot.service..");

    /** A module's {@code internal} package is its own: others use its public API, which may change it freely. */
    @ArchTest
    static final ArchRule searchInternalsStayInTheSearch = noClasses()
            .that()
            .resideOutsideOfPackages("dev.tenshot.search..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenshot.search.internal..");

    @ArchTest
    static final ArchRule predictorInternalsStayInThePredictor = noClasses()
            .that()
            .resideOutsideOfPackages("dev.tenshot.predictor..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.tenshot.predictor.internal..");

    /** Controllers are reached over HTTP only: nothing calls them, so nothing needs to see them. */
    @ArchTest
    static final ArchRule controllersArePackagePrivate =
            classes().that().areAnnotatedWith(RestController.class).should().notBePublic();

    /** Controllers map HTTP to a feature's services; transactions and threads are the services' business. */
    @ArchTest
    static final ArchRule controllersHoldNoTransactionsNorThreads = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    Transactional.class,
                    java.util.concurrent.ExecutorService.class,
                    java.util.concurrent.ScheduledExecutorService.class,
                    java.util.concurrent.Executors.class,
                    java.util.concurrent.Semaphore.class);
}
