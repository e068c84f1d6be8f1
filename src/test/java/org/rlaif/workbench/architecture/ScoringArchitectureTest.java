package org.rlaif.workbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules about DJL (docs/decisions/0039-scoring-reward-models-with-djl.md). */
@AnalyzeClasses(packages = "org.rlaif.workbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoringArchitectureTest {
    @ArchTest
    static final ArchRule onlyTrainingTouchesDjl = noClasses().that().resideOutsideOfPackage("..workbench.training..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "ai.onnxruntime..")
            .because("DJL loads natives and models: kept behind training's RewardModelScorer, which sets it offline"
                    + " before first use, so no screen can start it on the JavaFX thread or let it download");
}
