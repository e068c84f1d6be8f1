package org.rlaif.workbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/decisions/0001-layers.md, enforced. Each rule says why, because a rule nobody understands
 * gets switched off. The rules about {@code metrics} are in {@link MetricsArchitectureTest}.
 */
@AnalyzeClasses(packages = "org.rlaif.workbench", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String ROOT = "org.rlaif.workbench";

    @ArchTest
    static final ArchRule domainIsPlainJava = classes().that().resideInAPackage(ROOT + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".domain..")
            .because("the records are shared by every layer and tested without a database, a toolkit or a network");

    @ArchTest
    static final ArchRule coreLayersKnowNoToolkit = noClasses().that().resideInAnyPackage(
                    ROOT + ".domain..", ROOT + ".metrics..", ROOT + ".store..", ROOT + ".io..", ROOT + ".labeling..",
                    ROOT + ".training..", ROOT + ".runs..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("the command line and CI run the same code without a display");

    @ArchTest
    static final ArchRule onlyTheEdgesWireThingsTogether = noClasses().that().resideInAnyPackage(
                    ROOT + ".domain..", ROOT + ".metrics..", ROOT + ".store..", ROOT + ".io..", ROOT + ".labeling..",
                    ROOT + ".training..", ROOT + ".runs..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ui..", ROOT + ".cli..")
            .because("ui and cli are the two front ends; the core must not know which one is driving it");

    @ArchTest
    static final ArchRule windowDoesNotCallTheCommandLine = noClasses().that().resideInAPackage(ROOT + ".ui..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
            .because("the window reaches the core directly; going through CLI parsing would hide errors in text");

    @ArchTest
    static final ArchRule storeDoesNotReachOutward = noClasses().that().resideInAPackage(ROOT + ".store..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".io..", ROOT + ".labeling..",
                    ROOT + ".training..", ROOT + ".runs..")
            .because("the project file is the bottom of the stack: importers, labelers and trainers write into it, "
                    + "not the other way round");

    @ArchTest
    static final ArchRule processesKnowNoTrainer = noClasses().that().resideInAPackage(ROOT + ".runs..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".training..", ROOT + ".labeling..")
            .because("runs is the one child-process mechanism under imports and trainers alike (decision 22); "
                    + "it must not grow knowledge of one kind of run");

    @ArchTest
    static final ArchRule namesSayWhatAThingIs = noClasses().should().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .because("STYLE.md: a name says what a thing is, not that it holds miscellany");
}
