package org.rlaif.workbench.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerInfo;
import org.rlaif.workbench.metrics.PairGroups;

/** The layering rules that concern the metrics (see docs/decisions/0011-metric-definitions.md). */
@AnalyzeClasses(packages = "org.rlaif.workbench", importOptions = ImportOption.DoNotIncludeTests.class)
class MetricsArchitectureTest {

    @ArchTest
    static final ArchRule metricsArePureFunctionsOverArrays = classes().that().resideInAPackage("..workbench.metrics..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("..workbench.metrics..", "java.lang..", "java.util..")
            .because("metrics take primitive arrays and nothing else: no database, JSON, UI or DJL, and no other layer,"
                    + " so they stay fast, are tested on their own, and the window and the command line share them");

    @ArchTest
    static final ArchRule storeFillsTheTableAndComputesNothing = classes().that().resideInAPackage("..workbench.store..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("..workbench.metrics..")
                    .or(belongToAnyOf(LabelTable.class, LabelTable.Builder.class, LabelCodes.class, LabelerInfo.class,
                            PairGroups.class)))
            .because("the store loads labels into the metrics' plain data types; computing figures is not its job");
}
