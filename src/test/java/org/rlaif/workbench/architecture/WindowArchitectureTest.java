package org.rlaif.workbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** How the window is put together (see docs/decisions/0012 … 0014). */
@AnalyzeClasses(packages = "org.rlaif.workbench", importOptions = ImportOption.DoNotIncludeTests.class)
class WindowArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsTouchNoControls = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..",
                    "javafx.stage..", "javafx.scene.chart..", "org.controlsfx..", "atlantafx..")
            .because("a view model holds state and commands in properties and is tested without a toolkit; building"
                    + " and binding controls is its view's job (JabRef's MVVM)");

    @ArchTest
    static final ArchRule screensDoNotReachIntoEachOther = noClasses().that().resideInAnyPackage(
                    "..ui.start..", "..ui.pairs..", "..ui.review..", "..ui.dashboard..")
            .should().dependOnClassesThat().resideInAnyPackage("..ui.shell..", "..ui.labelers..")
            .because("screens talk through the shared Workspace, not to the frame or to each other's views");

    @ArchTest
    static final ArchRule onlyTheWindowAndTheCommandLineUseTheWindow = classes().that().resideInAPackage("..workbench.ui..")
            .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("..workbench.ui..", "..workbench.cli..",
                    "org.rlaif.workbench")
            .because("ui and cli are the only layers that wire things together; nothing below them knows a window"
                    + " exists");
}
