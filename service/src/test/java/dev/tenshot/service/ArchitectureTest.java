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
}
